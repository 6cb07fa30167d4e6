// Command sizes writes a Go heap profile with
//   - allocation sites that allocate several sizes (the "bytes" numeric label
//     gives pprof's DOT output its size nodelets), and
//   - 200 generated allocating functions in 40 call chains (funcs_gen.go,
//     written by ./genfuncs), so that pprof trims nodes (nodecount 80 for DOT),
//     prints "Dropped N nodes (cum <= X)" and draws residual (dotted) edges.
//
// Usage: sizes OUTDIR   (writes OUTDIR/sizes.pb.gz)
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
)

func init() { runtime.MemProfileRate = 1 }

var (
	live = make([][]byte, 0, 1024)
	sink []byte
)

// retain keeps every third allocation live.
//
//go:noinline
func retain(i int, b []byte) {
	if i%3 == 0 {
		live = append(live, b)
	} else {
		sink = b
	}
}

// one site, several sizes
//
//go:noinline
func alloc(n int) []byte { return make([]byte, n) }

//go:noinline
func mixedSizes() {
	sizes := []int{16, 64, 256, 1024, 4096, 32768}
	for i, s := range sizes {
		for j := 0; j < 4+i; j++ {
			retain(j, alloc(s))
		}
	}
}

// a second multi-size site reached from two callers
//
//go:noinline
func grow(n int) []byte { return make([]byte, n) }

//go:noinline
func small() {
	for i := 0; i < 30; i++ {
		retain(i, grow(48+16*(i%3)))
	}
}

//go:noinline
func large() {
	for i := 0; i < 6; i++ {
		retain(i, grow(8192*(1+i%2)))
	}
}

//go:noinline
func runChains() {
	for c, f := range chainRoots {
		f(1 + c%3)
	}
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: sizes OUTDIR")
		os.Exit(2)
	}
	mixedSizes()
	// A tiny direct call main.main -> main.alloc. When DOT trims
	// main.mixedSizes, pprof merges this direct edge with the residual
	// main.main ... main.alloc edge into one dotted (residual) edge.
	retain(0, alloc(100))
	small()
	large()
	runChains()
	sink = nil
	runtime.GC()
	runtime.GC()
	f, err := os.Create(filepath.Join(os.Args[1], "sizes.pb.gz"))
	if err != nil {
		panic(err)
	}
	if err := pprof.Lookup("heap").WriteTo(f, 0); err != nil {
		panic(err)
	}
	if err := f.Close(); err != nil {
		panic(err)
	}
	runtime.KeepAlive(live)
}
