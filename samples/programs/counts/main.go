// Command counts writes Go's goroutine, mutex, block and threadcreate
// profiles in the legacy text format (WriteTo(f, 1)), and threadcreate also
// as protobuf (WriteTo(f, 0)): the inputs of the goldens for pprof's
// parseGoCount (goroutine, threadcreate) and parseContention (mutex, block).
//
// Usage: counts OUTDIR   (writes OUTDIR/goroutine.prof, mutex.prof,
// block.prof, threadcreate.prof and threadcreate.pb.gz)
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"sync"
	"time"
)

func init() {
	runtime.SetMutexProfileFraction(1)
	runtime.SetBlockProfileRate(1)
}

var (
	mu      sync.Mutex
	counter int
	never   = make(chan struct{})
)

// Goroutines parked in distinct places, so the goroutine profile has a few
// stacks with counts above one.

//go:noinline
func parkedReader(ch chan int) { <-ch }

//go:noinline
func parkedOnLock(m *sync.Mutex) {
	m.Lock()
	m.Unlock()
}

//go:noinline
func parkedInSelect() {
	select {
	case <-never:
	}
}

//go:noinline
func startParked(held *sync.Mutex) {
	ch := make(chan int)
	for i := 0; i < 3; i++ {
		go parkedReader(ch)
	}
	for i := 0; i < 2; i++ {
		go parkedOnLock(held)
	}
	go parkedInSelect()
}

// Contention on mu: workers hold it for a moment each, so the others wait.

//go:noinline
func holdBriefly() {
	mu.Lock()
	counter++
	time.Sleep(200 * time.Microsecond)
	mu.Unlock()
}

//go:noinline
func worker(n int, wg *sync.WaitGroup) {
	defer wg.Done()
	for i := 0; i < n; i++ {
		holdBriefly()
	}
}

//go:noinline
func contend() {
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go worker(20, &wg)
	}
	wg.Wait()
}

// Blocking: a receiver waits for a slow sender (block profile: chanrecv).

//go:noinline
func slowSender(ch chan int) {
	for i := 0; i < 5; i++ {
		time.Sleep(time.Millisecond)
		ch <- i
	}
	close(ch)
}

//go:noinline
func waitForValues() int {
	ch := make(chan int)
	go slowSender(ch)
	sum := 0
	for v := range ch {
		sum += v
	}
	return sum
}

func write(dir, name, file string, debug int) {
	f, err := os.Create(filepath.Join(dir, file))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := pprof.Lookup(name).WriteTo(f, debug); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := f.Close(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: counts OUTDIR")
		os.Exit(2)
	}
	dir := os.Args[1]
	var held sync.Mutex
	held.Lock()
	startParked(&held)
	contend()
	_ = waitForValues()
	time.Sleep(20 * time.Millisecond) // let the parked goroutines park
	write(dir, "goroutine", "goroutine.prof", 1)
	write(dir, "mutex", "mutex.prof", 1)
	write(dir, "block", "block.prof", 1)
	write(dir, "threadcreate", "threadcreate.prof", 1)
	write(dir, "threadcreate", "threadcreate.pb.gz", 0)
	held.Unlock()
}
