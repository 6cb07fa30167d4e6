// Command recursion writes Go heap profiles whose stacks contain direct and
// mutual recursion that allocates at several depths, so that a function
// appears several times in one stack (cum must not be double counted).
//
// Usage: recursion OUTDIR   (writes OUTDIR/recursion.pb.gz and OUTDIR/recursion.prof)
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
)

func init() { runtime.MemProfileRate = 1 }

// live holds what stays in use; everything else becomes garbage.
var live = make([][]byte, 0, 256)

var sink []byte

//go:noinline
func keep(b []byte) { live = append(live, b) }

//go:noinline
func drop(b []byte) { sink = b }

// direct recursion: allocates 1 KiB at every depth; even depths stay live.
//
//go:noinline
func descend(n int) {
	b := make([]byte, 1024)
	if n%2 == 0 {
		keep(b)
	} else {
		drop(b)
	}
	if n > 0 {
		descend(n - 1)
	}
}

// mutual recursion: even/odd allocate different sizes.
//
//go:noinline
func even(n int) {
	b := make([]byte, 512)
	keep(b)
	if n > 0 {
		odd(n - 1)
	}
}

//go:noinline
func odd(n int) {
	b := make([]byte, 2048)
	drop(b)
	if n > 0 {
		even(n - 1)
	}
}

// a recursive walk through a helper: walk -> step -> walk -> step ...
//
//go:noinline
func walk(n int) {
	if n == 0 {
		keep(make([]byte, 4096))
		return
	}
	step(n)
}

//go:noinline
func step(n int) {
	drop(make([]byte, 256))
	walk(n - 1)
}

//go:noinline
func runDirect() {
	for i := 0; i < 10; i++ {
		descend(5)
	}
}

//go:noinline
func runMutual() {
	for i := 0; i < 8; i++ {
		even(6)
	}
}

//go:noinline
func runWalk() {
	for i := 0; i < 5; i++ {
		walk(4)
	}
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: recursion OUTDIR")
		os.Exit(2)
	}
	runDirect()
	runMutual()
	runWalk()
	runtime.GC()
	runtime.GC()
	write(filepath.Join(os.Args[1], "recursion.pb.gz"), "heap", 0)
	write(filepath.Join(os.Args[1], "recursion.prof"), "heap", 1)
	runtime.KeepAlive(live)
}

func write(path, name string, debug int) {
	f, err := os.Create(path)
	if err != nil {
		panic(err)
	}
	if err := pprof.Lookup(name).WriteTo(f, debug); err != nil {
		panic(err)
	}
	if err := f.Close(); err != nil {
		panic(err)
	}
}
