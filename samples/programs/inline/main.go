// Command inline writes Go heap profiles in which allocations happen inside
// small functions that the compiler inlines, so one profile location carries
// several lines (pprof draws "(inline)" edges), next to non-inlined callers.
//
// Usage: inline OUTDIR   (writes OUTDIR/inline.pb.gz and OUTDIR/inline.prof)
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
)

func init() { runtime.MemProfileRate = 1 }

type point struct{ x, y, z int64 }

type node struct {
	next *node
	val  [6]int64
}

var (
	points = make([]*point, 0, 1024)
	nodes  *node
	bufs   = make([][]byte, 0, 1024)
	sink   interface{}
)

// --- inlinable leaves (small, no loops) ---

func newPoint(i int) *point { return &point{int64(i), int64(i), int64(i)} }

func newNode(next *node) *node { return &node{next: next} }

func newBuf(n int) []byte { return make([]byte, n) }

// two levels of inlining: wrapBuf -> newBuf
func wrapBuf(n int) []byte { return newBuf(n + 64) }

// three levels: outerBuf -> wrapBuf -> newBuf
func outerBuf(n int) []byte { return wrapBuf(n * 2) }

// --- non-inlined callers ---

//go:noinline
func makePoints() {
	for i := 0; i < 100; i++ {
		p := newPoint(i)
		if i%4 == 0 {
			points = append(points, p)
		} else {
			sink = p
		}
	}
}

//go:noinline
func makeList() {
	for i := 0; i < 50; i++ {
		nodes = newNode(nodes)
	}
	for i := 0; i < 30; i++ {
		sink = newNode(nil)
	}
}

//go:noinline
func makeBufs() {
	for i := 0; i < 40; i++ {
		b := wrapBuf(100)
		if i%2 == 0 {
			bufs = append(bufs, b)
		} else {
			sink = b
		}
	}
	for i := 0; i < 20; i++ {
		b := outerBuf(200)
		if i%5 == 0 {
			bufs = append(bufs, b)
		} else {
			sink = b
		}
	}
}

// a non-inlined allocator called from the same inlined helper and directly.
//
//go:noinline
func bigBuf(n int) []byte { return make([]byte, n) }

func viaHelper() []byte { return bigBuf(8192) }

//go:noinline
func makeBig() {
	for i := 0; i < 6; i++ {
		b := viaHelper()
		if i%3 == 0 {
			bufs = append(bufs, b)
		} else {
			sink = b
		}
	}
	bufs = append(bufs, bigBuf(16384))
}

// --- partially inlined: the same function inlined at one call site and
// called through an interface (never inlined) at another, so pprof's text
// row says "(partial-inline)".

type maker interface{ make(n int) []byte }

type bufMaker struct{}

func (bufMaker) make(n int) []byte { return make([]byte, n) }

var theMaker maker = bufMaker{}

//go:noinline
func makeDirect() {
	for i := 0; i < 10; i++ {
		bufs = append(bufs, bufMaker{}.make(300))
	}
}

//go:noinline
func makeViaInterface() {
	for i := 0; i < 10; i++ {
		sink = theMaker.make(300)
	}
}

// --- names pprof has to shorten/split: pointer-receiver method, closure,
// generic function.

type store struct{ items [][]byte }

//go:noinline
func (s *store) add(n int) { s.items = append(s.items, make([]byte, n)) }

var theStore = &store{}

//go:noinline
func genericAlloc[T any](n int) []T { return make([]T, n) }

//go:noinline
func makeNamed() {
	for i := 0; i < 5; i++ {
		theStore.add(128)
	}
	f := func(n int) []byte { return make([]byte, n) }
	for i := 0; i < 40; i++ {
		b := f(96)
		if i%4 == 0 {
			bufs = append(bufs, b)
		} else {
			sink = b
		}
	}
	sink = genericAlloc[int64](64)
	bufs = append(bufs, genericAlloc[byte](200))
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: inline OUTDIR")
		os.Exit(2)
	}
	makePoints()
	makeList()
	makeBufs()
	makeBig()
	makeDirect()
	makeViaInterface()
	makeNamed()
	sink = nil
	runtime.GC()
	runtime.GC()
	write(filepath.Join(os.Args[1], "inline.pb.gz"), "heap", 0)
	write(filepath.Join(os.Args[1], "inline.prof"), "heap", 1)
	runtime.KeepAlive(points)
	runtime.KeepAlive(nodes)
	runtime.KeepAlive(bufs)
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
