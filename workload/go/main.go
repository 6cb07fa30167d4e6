// Command userleak is the MySQL heap-leak workload from the blog post
// "memory leak detection in go" (blog.raphaelzhang.com, 2014), kept as close to
// the original as Go 1.19 and the tooling allow:
//
//   - 100 goroutines run main.query: sleep 1 ms, QueryRow(...).Scan(...) into a
//     new *User, send it on a channel;
//   - the collector closure (main.main.func1) appends every user to allUsers,
//     which only grows: that is the leak the reports should find;
//   - runtime.MemProfileRate = 1 (every allocation sampled) unless -rate says
//     otherwise;
//   - on SIGINT/SIGTERM, main returns and the deferred saveHeapProfile runs
//     runtime.GC() and writes heap_<prog>_<pid>_<time>.prof (legacy text,
//     WriteTo(f, 1)) and the same snapshot as heap_<prog>_<pid>_<time>.pb.gz
//     (gzipped protobuf, WriteTo(f, 0));
//   - net/http/pprof is served on 127.0.0.1:6789 (-pprof to change).
//
// Additions: -dsn / $WORKLOAD_DSN, -fixed (users are not retained),
// -snapshot-every N (numbered snapshots every N seconds), -outdir, -quiet.
//
// Build offline (GOPATH mode with Debian's driver):
//
//	GO111MODULE=off GOPATH=$(mktemp -d):/usr/share/gocode go build -o userleak .
package main

import (
	"database/sql"
	"flag"
	"fmt"
	"io"
	"net/http"
	_ "net/http/pprof"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	_ "github.com/go-sql-driver/mysql"
)

var (
	pid      int
	progname string

	dsn           = flag.String("dsn", envOr("WORKLOAD_DSN", "mytest:mytest@tcp(127.0.0.1:3306)/mytest?charset=utf8"), "MySQL DSN (env WORKLOAD_DSN)")
	rate          = flag.Int("rate", 1, "runtime.MemProfileRate (1 = every allocation; Go's default is 524288)")
	pprofAddr     = flag.String("pprof", "127.0.0.1:6789", "address for net/http/pprof (empty = off)")
	fixed         = flag.Bool("fixed", false, "fixed variant: the collector does not retain users (no leak)")
	snapshotEvery = flag.Int("snapshot-every", 0, "write a numbered heap snapshot every N seconds (0 = off)")
	outdir        = flag.String("outdir", ".", "directory for the heap profiles")
	quiet         = flag.Bool("quiet", false, "do not print every user (the original prints each one)")

	// profileMu serialises profile writing (snapshots vs. the final save).
	profileMu sync.Mutex
	received  int64 // users received by the collector
)

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

func init() {
	pid = os.Getpid()
	paths := strings.Split(os.Args[0], "/")
	paths = strings.Split(paths[len(paths)-1], string(os.PathSeparator))
	progname = paths[len(paths)-1]
	// The seed sets runtime.MemProfileRate = 1 here; -rate defaults to 1.
	// Flags are parsed first, here, so that the rate is set once: allocations
	// made at one rate but reported under another are mis-scaled by pprof
	// (flag parsing showed up as a 1 MB node at -rate 524288).
	flag.Parse()
	runtime.MemProfileRate = *rate
}

// writeHeap writes the current heap profile to path: debug 1 = legacy text,
// debug 0 = gzipped protobuf (WriteTo compresses it itself).
func writeHeap(path string, debugLevel int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return pprof.Lookup("heap").WriteTo(f, debugLevel)
}

// heapSnapshot runs a GC and writes the same heap snapshot in both formats.
// The heap profile reports the state of the last completed GC; GC is switched
// off between the forced GC and the two writes so that no other cycle can
// complete in between and both files hold the same numbers.
func heapSnapshot(base string) {
	profileMu.Lock()
	defer profileMu.Unlock()
	old := debug.SetGCPercent(-1)
	defer debug.SetGCPercent(old)
	runtime.GC()
	for _, out := range []struct {
		ext   string
		debug int
	}{{".prof", 1}, {".pb.gz", 0}} {
		path := filepath.Join(*outdir, base+out.ext)
		if err := writeHeap(path, out.debug); err != nil {
			fmt.Fprintf(os.Stderr, "heap profile %s: %v\n", path, err)
			continue
		}
		fmt.Fprintf(os.Stderr, "wrote %s\n", path)
	}
}

func saveHeapProfile() {
	heapSnapshot(fmt.Sprintf("heap_%s_%d_%s", progname, pid, time.Now().Format("2006_01_02_03_04_05")))
}

// snapshotLoop writes heap_<prog>_<pid>_snapNNN.{prof,pb.gz} every period
// (on a ticker, so slow writes do not make the series drift).
func snapshotLoop(period time.Duration) {
	ticker := time.NewTicker(period)
	defer ticker.Stop()
	for n := 1; ; n++ {
		<-ticker.C
		heapSnapshot(fmt.Sprintf("heap_%s_%d_snap%03d", progname, pid, n))
	}
}

// servePprof serves net/http/pprof's handlers (DefaultServeMux).
func servePprof(addr string) {
	go func() {
		if err := http.ListenAndServe(addr, nil); err != nil {
			fmt.Fprintf(os.Stderr, "pprof server on %s: %v\n", addr, err)
			os.Exit(3)
		}
	}()
}

func waitForSignal() os.Signal {
	signalChan := make(chan os.Signal, 1)
	defer close(signalChan)
	// The original listened for os.Kill too, which cannot be caught; SIGTERM can.
	signal.Notify(signalChan, os.Interrupt, syscall.SIGTERM)
	s := <-signalChan
	signal.Stop(signalChan)
	return s
}

func connect(source string) *sql.DB {
	db, err := sql.Open("mysql", source)
	if err != nil {
		fmt.Fprintf(os.Stderr, "open: %v\n", err)
		return nil
	}
	if err := db.Ping(); err != nil {
		fmt.Fprintf(os.Stderr, "ping: %v\n", err)
		return nil
	}
	return db
}

type User struct {
	uid       int
	name      string
	nick      string
	forbidden int
	cid       int
}

func query(db *sql.DB, name string, id int, dataChan chan *User) {
	for {
		time.Sleep(time.Millisecond)
		user := &User{
			cid:  id,
			name: name,
		}
		err := db.QueryRow("SELECT nickname, uid, forbidden FROM users WHERE login_name = ?", name).Scan(&user.nick, &user.uid, &user.forbidden)
		if err != nil {
			continue
		}
		dataChan <- user
	}
}

func main() {
	var stdout io.Writer = os.Stdout
	if *quiet {
		stdout = io.Discard
	}
	defer saveHeapProfile()
	db := connect(*dsn)
	if db == nil {
		// The original returned silently (and still wrote a profile); say why
		// and exit non-zero so the runner can report it.
		os.Exit(2)
	}
	if *pprofAddr != "" {
		servePprof(*pprofAddr)
	}
	userChan := make(chan *User, 100)
	for i := 0; i < 100; i++ {
		go query(db, "Alex", i+1, userChan)
	}
	allUsers := make([]*User, 1<<12)
	go func() { // main.main.func1: the collector
		for user := range userChan {
			fmt.Fprintf(stdout, "routine[%d] get user %+v\n", user.cid, user)
			atomic.AddInt64(&received, 1)
			if *fixed {
				continue // fixed variant: the user is dropped, nothing grows
			}
			allUsers = append(allUsers, user)
		}
	}()
	if *snapshotEvery > 0 {
		go snapshotLoop(time.Duration(*snapshotEvery) * time.Second)
	}
	fmt.Fprintf(os.Stderr, "%s pid %d: MemProfileRate=%d fixed=%v pprof=%q snapshot-every=%ds\n",
		progname, pid, runtime.MemProfileRate, *fixed, *pprofAddr, *snapshotEvery)
	s := waitForSignal()
	fmt.Printf("signal got: %v, all users: %d\n", s, len(allUsers))
	fmt.Fprintf(os.Stderr, "signal got: %v, users received: %d, all users: %d\n", s, atomic.LoadInt64(&received), len(allUsers))
}
