// Command legacy2proto converts a legacy text heap profile (Go's
// pprof.Lookup("heap").WriteTo(w, 1) format, or a hand-written one) into a
// gzipped profile.proto that `go tool pprof` can show without the program's
// binary, naming frames from the file's own "#" comment lines.
//
// Usage: legacy2proto IN.prof OUT.pb.gz
//
// What it does, in order:
//
//  1. profile.Parse (google/pprof) parses the legacy text: header variants,
//     unsampling (heap/N, heap_v2/N ...), the memory map section. That parser
//     stores every stack address minus one (return address -> call
//     instruction), the leaf included.
//  2. It reads the comment lines that follow each sample line,
//     "#\t0xPC\tfunc+0xOFF\tfile:line", and builds one global map
//     PC -> frames. Go's debug=1 writer prints frame.PC from
//     runtime.CallersFrames, which is the stack address minus one, so a
//     comment PC equals pprof's Location.Address exactly. Several
//     consecutive comment lines with the same PC in one sample block are
//     inlined frames of one location (innermost first): they become several
//     Lines of that one location (pprof then marks all but the last
//     "(inline)"). Go 1.19 never writes that: its stacks hold one (fake) PC
//     per inlined frame, so each frame gets its own location. A comment PC
//     without a function name ("#\t0xPC") names nothing.
//  3. Every location whose address has no named comment line anywhere in
//     the file is removed from every sample's stack (Go's writer hides the
//     leading runtime frames of a stack and runtime.goexit). A sample left
//     with no location is kept with an empty stack: it still counts in the
//     total, as in pprof (and as its unsymbolized frames would in the
//     protobuf profile of the same run).
//  4. pprof's own drop_frames/keep_frames rule that profile.Parse attaches
//     to legacy heap profiles (runtime\..* and malloc-like names dropped,
//     runtime.panic/reflectcall/call[0-9]* kept) is left in the output's
//     drop_frames/keep_frames fields, not applied here: `go tool pprof`
//     applies it on load (RemoveUninteresting, after symbolizing and
//     demangling), exactly as it does for any legacy heap profile.
//  5. Mappings are marked as having functions, file names, line numbers so
//     pprof does not try to symbolize; a profile without mappings gets none.
package main

import (
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"

	"github.com/google/pprof/profile"
)

type frame struct {
	name, file string
	line       int64
}

var (
	// A sample line opens a comment block: heap ("N: B [N: B] @"),
	// contention ("CYCLES COUNT @", Go's mutex/block at debug=1), count
	// ("N @", goroutine/threadcreate at debug=1).
	sampleLineRE = regexp.MustCompile(`^\s*-?\d+(?:: *-?\d+ *\[ *\d+: *\d+ *\] *| +\d+ *| *)@`)
	hexPCRE      = regexp.MustCompile(`^0[xX][0-9a-fA-F]+$`)
	funcOffRE    = regexp.MustCompile(`^(.*)\+0x[0-9a-fA-F]+$`)
)

func parseComments(text string) (map[uint64][]frame, error) {
	named := make(map[uint64][]frame)
	inBlock := false
	var blockPCs []uint64
	block := make(map[uint64][]frame)
	flush := func() {
		for _, pc := range blockPCs {
			if _, ok := named[pc]; !ok && len(block[pc]) > 0 {
				named[pc] = block[pc]
			}
		}
		blockPCs = blockPCs[:0]
		block = make(map[uint64][]frame)
	}
	lastPC := uint64(0)
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimRight(line, "\r")
		if sampleLineRE.MatchString(line) {
			flush()
			inBlock = true
			lastPC = 0
			continue
		}
		if !inBlock || !strings.HasPrefix(strings.TrimSpace(line), "#") {
			if strings.TrimSpace(line) != "" {
				flush()
				inBlock = false
			}
			continue
		}
		m := splitComment(line)
		if m == nil {
			continue // e.g. "# runtime.MemStats"
		}
		pc, err := strconv.ParseUint(m[1], 16, 64)
		if err != nil {
			return nil, fmt.Errorf("bad PC in %q: %v", line, err)
		}
		if m[2] == "" {
			lastPC = pc
			continue
		}
		name := m[2]
		if fm := funcOffRE.FindStringSubmatch(name); fm != nil {
			name = fm[1]
		}
		var file string
		var ln int64
		if loc := strings.TrimSpace(m[3]); loc != "" {
			file = loc
			if i := strings.LastIndex(loc, ":"); i >= 0 {
				if n, err := strconv.ParseInt(loc[i+1:], 10, 64); err == nil {
					file, ln = loc[:i], n
				}
			}
		}
		if _, seen := block[pc]; !seen {
			blockPCs = append(blockPCs, pc)
		} else if pc != lastPC {
			// The same PC twice in one block, not consecutively: a
			// recursive stack. Its frames are already recorded.
			lastPC = pc
			continue
		}
		block[pc] = append(block[pc], frame{name, file, ln})
		lastPC = pc
	}
	flush()
	return named, nil
}

// splitComment splits "#\t0xPC\tfunc+0xOFF\tfile:line" into
// [line, PC hex, func+0xOFF, file:line] (the last two possibly empty), or
// returns nil if it is not such a line. Go's writer separates the fields with
// tabs (runs of them: tabwriter padding), so when the line has tabs the
// fields are split on tab runs and a name may contain spaces (C++ names such
// as "ns::Widget::make(int, char const*)"); a line without tabs (hand-written)
// is split on any whitespace.
func splitComment(line string) []string {
	t := strings.TrimRight(line, " \t\r")
	if !strings.HasPrefix(strings.TrimLeft(t, " \t"), "#") {
		return nil
	}
	t = strings.TrimLeft(t, " \t")[1:]
	var fields []string
	if strings.Contains(t, "\t") {
		for _, f := range strings.Split(t, "\t") {
			if f = strings.TrimSpace(f); f != "" {
				fields = append(fields, f)
			}
		}
		if len(fields) > 3 { // a tab inside the file name: keep it
			fields = append(fields[:2], strings.Join(fields[2:], "\t"))
		}
	} else {
		fields = strings.Fields(t)
		if len(fields) > 3 {
			fields = append(fields[:2], strings.Join(fields[2:], " "))
		}
	}
	if len(fields) == 0 || !hexPCRE.MatchString(fields[0]) {
		return nil
	}
	m := []string{line, strings.TrimPrefix(strings.TrimPrefix(fields[0], "0x"), "0X"), "", ""}
	copy(m[2:], fields[1:])
	return m
}

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: legacy2proto IN.prof OUT.pb.gz")
		os.Exit(2)
	}
	data, err := os.ReadFile(os.Args[1])
	if err != nil {
		fail(err)
	}
	p, err := profile.Parse(strings.NewReader(string(data)))
	if err != nil {
		fail(fmt.Errorf("parsing %s: %v", os.Args[1], err))
	}
	named, err := parseComments(string(data))
	if err != nil {
		fail(err)
	}

	funcs := make(map[[2]string]*profile.Function)
	keepLoc := make(map[*profile.Location]bool)
	var locs []*profile.Location
	for _, l := range p.Location {
		frames := named[l.Address]
		if len(frames) == 0 {
			continue
		}
		l.Line = nil
		for _, f := range frames {
			key := [2]string{f.name, f.file}
			fn := funcs[key]
			if fn == nil {
				fn = &profile.Function{
					ID:         uint64(len(funcs) + 1),
					Name:       f.name,
					SystemName: f.name,
					Filename:   f.file,
				}
				funcs[key] = fn
				p.Function = append(p.Function, fn)
			}
			l.Line = append(l.Line, profile.Line{Function: fn, Line: f.line})
		}
		keepLoc[l] = true
		locs = append(locs, l)
	}
	dropped := len(p.Location) - len(locs)
	p.Location = locs
	var samples []*profile.Sample
	emptied := 0
	for _, s := range p.Sample {
		var stk []*profile.Location
		for _, l := range s.Location {
			if keepLoc[l] {
				stk = append(stk, l)
			}
		}
		if len(stk) == 0 && len(s.Location) > 0 {
			emptied++
		}
		s.Location = stk
		samples = append(samples, s)
	}
	p.Sample = samples
	for i, l := range p.Location {
		l.ID = uint64(i + 1)
	}
	for _, m := range p.Mapping {
		m.HasFunctions, m.HasFilenames, m.HasLineNumbers = true, true, true
	}
	if err := p.CheckValid(); err != nil {
		fail(err)
	}
	out, err := os.Create(os.Args[2])
	if err != nil {
		fail(err)
	}
	if err := p.Write(out); err != nil {
		fail(err)
	}
	if err := out.Close(); err != nil {
		fail(err)
	}
	fmt.Fprintf(os.Stderr, "legacy2proto: %s: %d samples, %d named locations, %d unnamed addresses dropped, %d samples left with an empty stack (kept)\n",
		os.Args[1], len(p.Sample), len(locs), dropped, emptied)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "legacy2proto:", err)
	os.Exit(1)
}
