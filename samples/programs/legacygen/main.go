// Command legacygen writes the gperftools and Java legacy profiles in
// samples/legacy/: formats no Go program writes today, laid out byte for
// byte as google/pprof's parsers (profile/legacy_profile.go,
// legacy_java_profile.go) read them. Each file is read back with
// profile.Parse before the program ends, so a file pprof would not take
// is never written silently.
//
// Usage: legacygen OUTDIR
//
//	cpu-64le.prof cpu-64be.prof cpu-32le.prof cpu-32be.prof
//	    binary CPU profiles (gperftools' profiler, Go before 1.9): header
//	    words 0 3 0 PERIOD_US 0, records "count depth pc...", end marker
//	    0 1 0, then /proc/self/maps text. The same samples in the four
//	    word sizes and byte orders pprof tries. All records but one have
//	    the signal trampoline as their second frame (pprof removes it: one
//	    in 32 may differ) and that one repeats its leaf (pprof drops the copy).
//	threadz.prof    gperftools-style thread profile ("--- threadz 1 ---").
//	contentionz.prof C++ contention profile ("--- contentionz 1 ---").
//	java-heapz.prof, java-contentionz.prof  Java text profiles with symbol
//	    lines ("0xADDR name (File.java:LINE)").
//	java-cpu.prof   binary Java CPU profile (header word 3 = 1) with symbol lines.
package main

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/google/pprof/profile"
)

// A stack: leaf first, as the profilers record them.
type record struct {
	count uint64
	pcs   []uint64
}

const (
	trampoline = 0x00401010 // the frame pushed by the signal handler, in every stack
	libBase    = 0x00601000
)

var cpuRecords = []record{
	{120, []uint64{0x00401234, trampoline, 0x00402345, 0x00403456, 0x00404567}},
	{75, []uint64{0x00401a00, trampoline, 0x00402345, 0x00403456, 0x00404567}},
	{40, []uint64{0x00405000, trampoline, 0x00403456, 0x00404567}},
	// A library leaf called from the main binary.
	{30, []uint64{libBase + 0x1234, trampoline, libBase + 0x2001, 0x00402345, 0x00403456, 0x00404567}},
	// The leaf recorded twice (from the signal context and by unwinding).
	{12, []uint64{0x00406000, 0x00406000, trampoline, 0x00403456, 0x00404567}},
	{3, []uint64{0x00407777, trampoline, 0x00404567}},
}

// 27 more records of one tick each, so that there are 33: pprof's margin for
// the signal-frame check is then 33/32 = 1, and the one record whose second
// frame is not the trampoline (the repeated leaf) does not keep it in.
func init() {
	for i := uint64(0); i < 27; i++ {
		cpuRecords = append(cpuRecords, record{1, []uint64{0x00408000 + 0x10*i, trampoline, 0x00403456 + 0x100*(i%3), 0x00404567}})
	}
}

const cpuMaps = `00400000-00410000 r-xp 00000000 08:01 1234       /opt/app/bin/server
00410000-00420000 rw-p 00010000 08:01 1234       /opt/app/bin/server
00601000-00640000 r-xp 00000000 08:01 5678       /usr/lib/libwidget.so.2
`

func cpuProfile(words int, order binary.ByteOrder, java bool, trailer string, records []record) []byte {
	var b bytes.Buffer
	put := func(v uint64) {
		if words == 4 {
			var w [4]byte
			order.PutUint32(w[:], uint32(v))
			b.Write(w[:])
		} else {
			var w [8]byte
			order.PutUint64(w[:], v)
			b.Write(w[:])
		}
	}
	kind := uint64(0)
	if java {
		kind = 1
	}
	for _, v := range []uint64{0, 3, kind, 10000, 0} { // period: 10000 µs = 100 Hz
		put(v)
	}
	for _, r := range records {
		put(r.count)
		put(uint64(len(r.pcs)))
		for _, pc := range r.pcs {
			put(pc)
		}
	}
	put(0)
	put(1)
	put(0)
	b.WriteString(trailer)
	return b.Bytes()
}

const threadz = `--- threadz 1 ---
# Written by samples/programs/legacygen for pprof's parseThread.

--- Thread 7f0000001000 (name: main/4001) stack: ---
  PC: 0x00401234 0x00402346 0x00403457 0x00404568
--- Thread 7f0000002000 (name: worker/4002) stack: ---
  PC: 0x00405000 0x00403457
      0x00404568
--- Thread 7f0000003000 (name: worker/4003) stack: ---
 same as previous thread
--- Thread 7f0000004000 (name: worker/4004) stack: ---
 same as previous thread
--- Thread 7f0000005000 (name: io/4005) stack: ---
  PC: 0x00601234 0x00602002 0x00402346 0x00404568
--- Memory map: ---
00400000-00410000 r-xp 00000000 08:01 1234       /opt/app/bin/server
00601000-00640000 r-xp 00000000 08:01 5678       /usr/lib/libwidget.so.2
`

const contentionz = `--- contentionz 1 ---
cycles/second = 2000000000
sampling period = 100
ms since reset = 5000
# cycles waited, times waited, stack (return addresses)
  4000000 20 @ 0x00401234 0x00402346 0x00403457 0x00404568
  1500000 6 @ 0x00401a00 0x00402346 0x00403457 0x00404568
  300000 2 @ 0x00405000 0x00403457 0x00404568
  1000 1 @ 0x00601234 0x00402346 0x00404568
--- Memory map: ---
00400000-00410000 r-xp 00000000 08:01 1234       /opt/app/bin/server
00601000-00640000 r-xp 00000000 08:01 5678       /usr/lib/libwidget.so.2
`

// Java symbol lines: one per address the samples use (one unnamed on purpose).
const javaSymbols = `0x0000000000001000 com.example.cache.LruCache.put (LruCache.java:88)
0x0000000000001001 com.example.cache.LruCache.evict (LruCache.java:120)
0x0000000000002000 com.example.server.Handler.handle (Handler.java:41)
0x0000000000002001 com.example.server.Handler.handle (Handler.java:57)
0x0000000000003000 com.example.server.Main.main (Main.java:12)
0x0000000000004000 java.util.HashMap.resize (HashMap.java:704)
0x0000000000005000 Java_java_util_zip_Inflater_inflateBytes (/usr/lib/jvm/lib/libzip.so)
0x0000000000006000 generated stub/JIT code
0x0000000000007000 GC
`

const javaHeapz = `--- heapz 1 ---
format = java
resolution = bytes
  2097152 64 @ 0x0000000000001000 0x0000000000002000 0x0000000000003000
  524288 512 @ 0x0000000000004000 0x0000000000001000 0x0000000000002000 0x0000000000003000
  65536 2 @ 0x0000000000001001 0x0000000000002001 0x0000000000003000
  4096 1 @ 0x0000000000005000 0x0000000000002001 0x0000000000003000
  1024 8 @ 0x0000000000008000 0x0000000000003000
` + javaSymbols

const javaContentionz = `--- contentionz 1 ---
format = java
resolution = microseconds
sampling period = 100
ms since reset = 6000
  9000 30 @ 0x0000000000001000 0x0000000000002000 0x0000000000003000
  2500 7 @ 0x0000000000001001 0x0000000000002001 0x0000000000003000
  40 1 @ 0x0000000000006000 0x0000000000002000 0x0000000000003000
` + javaSymbols

var javaCPURecords = []record{
	{50, []uint64{0x4000, 0x1000, 0x2000, 0x3000}},
	{20, []uint64{0x1001, 0x2001, 0x3000}},
	{9, []uint64{0x7000}},
	{4, []uint64{0x6000, 0x2000, 0x3000}},
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: legacygen OUTDIR")
		os.Exit(2)
	}
	dir := os.Args[1]
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fail(err)
	}
	files := []struct {
		name string
		data []byte
	}{
		{"cpu-64le.prof", cpuProfile(8, binary.LittleEndian, false, cpuMaps, cpuRecords)},
		{"cpu-64be.prof", cpuProfile(8, binary.BigEndian, false, cpuMaps, cpuRecords)},
		{"cpu-32le.prof", cpuProfile(4, binary.LittleEndian, false, cpuMaps, cpuRecords)},
		{"cpu-32be.prof", cpuProfile(4, binary.BigEndian, false, cpuMaps, cpuRecords)},
		{"threadz.prof", []byte(threadz)},
		{"contentionz.prof", []byte(contentionz)},
		{"java-heapz.prof", []byte(javaHeapz)},
		{"java-contentionz.prof", []byte(javaContentionz)},
		{"java-cpu.prof", cpuProfile(8, binary.LittleEndian, true, javaSymbols, javaCPURecords)},
	}
	for _, f := range files {
		p, err := profile.ParseData(f.data)
		if err != nil {
			fail(fmt.Errorf("%s: pprof does not read it: %v", f.name, err))
		}
		var types []string
		for _, t := range p.SampleType {
			types = append(types, t.Type+"/"+t.Unit)
		}
		if err := os.WriteFile(filepath.Join(dir, f.name), f.data, 0o644); err != nil {
			fail(err)
		}
		fmt.Fprintf(os.Stderr, "legacygen: %s: %d samples, %d locations, %d mappings, %s\n",
			f.name, len(p.Sample), len(p.Location), len(p.Mapping), strings.Join(types, " "))
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "legacygen:", err)
	os.Exit(1)
}
