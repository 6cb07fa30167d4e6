// Command allocs writes an "allocs" profile: the same data as a heap profile,
// but with default_sample_type alloc_space, so pprof's default view is
// alloc_space instead of inuse_space. Most allocations are freed, so
// inuse and alloc differ a lot.
//
// Usage: allocs OUTDIR   (writes OUTDIR/allocs.pb.gz and OUTDIR/allocs.prof)
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strings"
)

func init() { runtime.MemProfileRate = 1 }

type record struct {
	id   int
	name string
	tags []string
}

var (
	table = make(map[int]*record, 256)
	sink  interface{}
)

//go:noinline
func newRecord(i int) *record {
	return &record{id: i, tags: make([]string, 0, 4)}
}

//go:noinline
func nameFor(i int) string {
	return strings.Repeat("x", 8+i%8)
}

//go:noinline
func scratch(n int) []int64 {
	return make([]int64, n)
}

//go:noinline
func load() {
	for i := 0; i < 200; i++ {
		r := newRecord(i)
		r.name = nameFor(i)
		if i%10 == 0 {
			table[i] = r
		} else {
			sink = r
		}
	}
}

//go:noinline
func churn() {
	for i := 0; i < 300; i++ {
		sink = scratch(32)
	}
	for i := 0; i < 10; i++ {
		sink = scratch(1024)
	}
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: allocs OUTDIR")
		os.Exit(2)
	}
	load()
	churn()
	sink = nil
	runtime.GC()
	runtime.GC()
	f, err := os.Create(filepath.Join(os.Args[1], "allocs.pb.gz"))
	if err != nil {
		panic(err)
	}
	if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
		panic(err)
	}
	if err := f.Close(); err != nil {
		panic(err)
	}
	// The legacy text form of an allocs profile is the same as a heap
	// profile's: the default sample type (alloc_space) is not recorded.
	f, err = os.Create(filepath.Join(os.Args[1], "allocs.prof"))
	if err != nil {
		panic(err)
	}
	if err := pprof.Lookup("allocs").WriteTo(f, 1); err != nil {
		panic(err)
	}
	if err := f.Close(); err != nil {
		panic(err)
	}
	runtime.KeepAlive(table)
}
