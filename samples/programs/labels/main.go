// Command labels writes labels.pb.gz: a small hand-built heap profile whose
// samples carry string labels (handler, tenant, a two-valued region) next to
// the numeric "bytes" label, for pprof's tag options (-tagfocus=handler=/users,
// -tagignore, -tagshow/-taghide, -tags, -traces, label nodelets in -dot).
// Go's own heap profiles never carry string labels, so the profile is built
// with google/pprof's profile package; it is fully deterministic.
//
// Usage: labels OUT_DIR   (writes OUT_DIR/labels.pb.gz)
package main

import (
	"log"
	"os"
	"path/filepath"

	"github.com/google/pprof/profile"
)

func main() {
	if len(os.Args) != 2 {
		log.Fatal("usage: labels OUT_DIR")
	}
	m := &profile.Mapping{ID: 1, Start: 0x400000, Limit: 0x800000, File: "/srv/bin/labels", HasFunctions: true, HasFilenames: true, HasLineNumbers: true}
	p := &profile.Profile{
		SampleType: []*profile.ValueType{
			{Type: "alloc_objects", Unit: "count"}, {Type: "alloc_space", Unit: "bytes"},
			{Type: "inuse_objects", Unit: "count"}, {Type: "inuse_space", Unit: "bytes"},
		},
		PeriodType:        &profile.ValueType{Type: "space", Unit: "bytes"},
		Period:            524288,
		TimeNanos:         1764145380000000000,
		Mapping:           []*profile.Mapping{m},
		DefaultSampleType: "",
	}
	funcs := map[string]*profile.Function{}
	fn := func(name string, line int64) profile.Line {
		f := funcs[name]
		if f == nil {
			f = &profile.Function{ID: uint64(len(funcs) + 1), Name: name, SystemName: name, Filename: "/src/labels/server.go", StartLine: int64(10 * (len(funcs) + 1))}
			funcs[name] = f
			p.Function = append(p.Function, f)
		}
		return profile.Line{Function: f, Line: f.StartLine + line}
	}
	locs := map[string]*profile.Location{}
	loc := func(name string, line int64) *profile.Location {
		key := name + string(rune('0'+line))
		if l := locs[key]; l != nil {
			return l
		}
		l := &profile.Location{ID: uint64(len(locs) + 1), Mapping: m, Address: 0x401000 + 0x40*uint64(len(locs)), Line: []profile.Line{fn(name, line)}}
		locs[key] = l
		p.Location = append(p.Location, l)
		return l
	}
	stack := func(frames ...string) []*profile.Location {
		var out []*profile.Location
		for i, f := range frames {
			out = append(out, loc(f, int64(i%3+1)))
		}
		return out
	}
	type s struct {
		frames  []string
		n, size int64
		labels  map[string][]string
	}
	users := map[string][]string{"handler": {"/users"}, "tenant": {"acme"}}
	usersG := map[string][]string{"handler": {"/users"}, "tenant": {"globex"}, "region": {"eu", "us"}}
	orders := map[string][]string{"handler": {"/orders"}, "tenant": {"acme"}}
	ordersG := map[string][]string{"handler": {"/orders"}, "tenant": {"globex"}}
	for _, x := range []s{
		{[]string{"main.decodeJSON", "main.handleUsers", "main.serve", "main.main"}, 40, 1024, users},
		{[]string{"main.decodeJSON", "main.handleUsers", "main.serve", "main.main"}, 12, 1024, usersG},
		{[]string{"main.cacheUsers", "main.handleUsers", "main.serve", "main.main"}, 3, 65536, users},
		{[]string{"main.cacheUsers", "main.handleUsers", "main.serve", "main.main"}, 1, 65536, usersG},
		{[]string{"main.decodeJSON", "main.handleOrders", "main.serve", "main.main"}, 25, 2048, orders},
		{[]string{"main.decodeJSON", "main.handleOrders", "main.serve", "main.main"}, 30, 2048, ordersG},
		{[]string{"main.newOrder", "main.handleOrders", "main.serve", "main.main"}, 8, 512, ordersG},
		{[]string{"main.loadConfig", "main.main"}, 1, 4096, nil},
		{[]string{"main.logLine", "main.serve", "main.main"}, 100, 128, map[string][]string{"tenant": {"acme"}}},
	} {
		// Every third object is still in use.
		p.Sample = append(p.Sample, &profile.Sample{
			Location: stack(x.frames...),
			Value:    []int64{x.n, x.n * x.size, (x.n + 2) / 3, (x.n + 2) / 3 * x.size},
			Label:    x.labels,
			NumLabel: map[string][]int64{"bytes": {x.size}},
		})
	}
	f, err := os.Create(filepath.Join(os.Args[1], "labels.pb.gz"))
	if err != nil {
		log.Fatal(err)
	}
	if err := p.Write(f); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
}
