// Command gen writes test/regexp/go-cases.json: for each pattern below, what Go's regexp says —
// the compile error text, or for each input whether MatchString matches and what FindString finds.
// The table test (test/unit/util/go-regexp.test.ts) checks gen-report's engine against every row.
// It also records what pprof's simplifyFunc (the name drop_frames and prune_from are matched
// against) makes of some names, observed through the profile package's PruneFrom.
//
// Run from the repository root (GOPATH mode; Debian's golang-github-google-pprof-dev):
//
//	GO111MODULE=off GOPATH=/usr/share/gocode go run test/regexp/gen/main.go > test/regexp/go-cases.json
package main

import (
	"encoding/json"
	"github.com/google/pprof/profile"
	"os"
	"regexp"
	"runtime"
	"strings"
)

type testCase struct {
	pattern string
	inputs  []string
}

type row struct {
	Pattern string  `json:"pattern"`
	Input   *string `json:"input,omitempty"`
	Match   *bool   `json:"match,omitempty"`
	Find    *string `json:"find,omitempty"`
	Error   *string `json:"error,omitempty"`
}

// name29 is the 29-character name of the issue: 28 a's and one character that defeats `(a+)+$`.
var name29 = strings.Repeat("a", 28) + "!"

var cases = []testCase{
	// Anchors: \z is the end of text (not "z"), \A the start; $ without (?m) is the end of text only.
	{`main\z`, []string{"mainz", "main", "x.main", "main\n"}},
	{`main$`, []string{"main", "main\n", "mainz"}},
	{`\Amain`, []string{"main.f", "x.main", "Amain"}},
	{`(?m)^b$`, []string{"a\nb\nc", "abc"}},
	{`^b`, []string{"a\nb"}},
	// \Q…\E quotes metacharacters (to the end of the pattern when \E is missing).
	{`\Q*.+\E`, []string{"a*.+b", "aaa"}},
	{`x\Q(y`, []string{"x(y", "xy"}},
	{`\Q\E`, []string{"", "x"}},
	// Unicode classes and POSIX classes.
	{`^\pL+$`, []string{"héllo", "abc1", "日本"}},
	{`\p{Greek}`, []string{"αβ", "ab"}},
	{`^\PL$`, []string{"1", "a"}},
	{`^\pN+$`, []string{"123", "١٢٣", "12a"}},
	{`\p{^Greek}`, []string{"α", "a"}},
	{`\pX`, nil},
	{`\p{Klingon}`, nil},
	{`^[[:alpha:]]+$`, []string{"abc", "abc1", "123"}},
	{`[[:^digit:]]`, []string{"123", "12a"}},
	{`^[[:word:]]+$`, []string{"a_1", "a-1"}},
	{`[[:foo:]]`, nil},
	// Perl classes are ASCII-only in Go.
	{`^\d$`, []string{"7", "٣"}},
	{`^\w+$`, []string{"abc_1", "é"}},
	{`\bfoo\b`, []string{"a foo b", "afoo", "éfooé"}},
	{`\Bfoo`, []string{"afoo", "foo"}},
	// Flags: mid-pattern (?i), groups with flags, (?s), (?U), (?-i).
	{`a(?i)b`, []string{"aB", "AB", "ab"}},
	{`(?i:A)b`, []string{"ab", "aB", "Ab"}},
	{`(?i)Main`, []string{"main.main", "MAIN"}},
	{`(?i)k`, []string{"\u212a"}},
	{`(?i)σ`, []string{"Σ", "ς"}},
	{`(?i)(?-i)a`, []string{"A", "a"}},
	{`(?i-s:a.)`, []string{"A\n", "Ab"}},
	{`(?s)a.b`, []string{"a\nb"}},
	{`a.b`, []string{"a\nb", "axb"}},
	{`(?U)a+`, []string{"aaa"}},
	{`a+`, []string{"aaa"}},
	{`(?U)a+?`, []string{"aaa"}},
	{`a(?U)b*`, []string{"abbb"}},
	{`(?z)`, nil},
	{`(?i`, nil},
	{`(?)`, []string{"", "x"}},
	// Named groups: (?P<n>…) yes; (?<n>…) only since Go 1.22 (not in Go 1.19, pprof's here).
	{`(?P<fn>main)\.`, []string{"main.f"}},
	{`(?<fn>main)`, nil},
	{`(?P<>a)`, nil},
	{`(?P<n>a)(?P<n>b)`, []string{"ab", "a"}},
	{`(?P<n>a)(?P<n>b`, nil},
	{`(?P<n>a)|(?P<n>b)[`, nil},
	// Go 1.19 refuses every (?< group, but an earlier error comes first; escaped, quoted or in a class it is text.
	{`a**(?<x>b)`, nil},
	{`(a))(?<x>b)`, nil},
	{`((?<x>a))`, nil},
	{`[(?<]`, []string{"<", "x"}},
	{`\(?<`, []string{"<", "(<"}},
	{`\Q(?<\E`, []string{"(?<", "<"}},
	{`[[:alpha:](?<]+`, []string{"a<", "1"}},
	// What Go refuses: lookaround, backreferences, \C, \Z, counts over 1000, possessives.
	{`(?<=a)b`, nil},
	{`(?<!a)b`, nil},
	{`a(?=b)`, nil},
	{`a(?!b)`, nil},
	{`(a)\1`, nil},
	{`\C`, nil},
	{`\Z`, nil},
	{`\e`, nil},
	{`x{1001}`, nil},
	{`x{2,1001}`, nil},
	{`x{1001,}`, nil},
	{`x{1000}`, []string{strings.Repeat("x", 1000), strings.Repeat("x", 999)}},
	{`((a{100}){100}){100}`, nil},
	{`a++`, nil},
	{`a**`, nil},
	{`a{2}{3}`, nil},
	{`a{2}*`, nil},
	// Counted repetition that Go reads as a literal.
	{`x{,2}`, []string{"x{,2}", "xx"}},
	{`x{2,}`, []string{"xx", "x"}},
	{`x{`, []string{"x{"}},
	// Escapes.
	{`\x41\x{42}`, []string{"AB"}},
	{`\101`, []string{"A"}},
	{`\x{110000}`, nil},
	{`\8`, nil},
	{`a\.b`, []string{"a.b", "axb"}},
	{`\t\n`, []string{"\t\n"}},
	{`\a\f\v\r`, []string{"\a\f\v\r"}},
	// Character classes.
	{`[]a]`, []string{"]", "a", "b"}},
	{`[^]a]`, []string{"]", "b"}},
	{`[z-a]`, nil},
	{`[\d-z]`, []string{"-", "5", "a", "z"}},
	{`[a-\d]`, nil},
	{`[a`, nil},
	{`[]`, nil},
	{`[^\x00-\x{10FFFF}]`, []string{"a"}},
	{`^.$`, []string{"😀", "é"}},
	{`^[^a]$`, []string{"😀"}},
	{`^\x{1F600}$`, []string{"😀"}},
	// Parse errors pprof's goldens show (and relatives).
	{`(`, nil},
	{`a)`, nil},
	{`)`, nil},
	{`(?:`, nil},
	{`*x`, nil},
	{`a|*`, nil},
	{`+`, nil},
	{`a{2,1}`, nil},
	{`x\`, nil},
	{`\`, nil},
	// Nesting: 1000 levels are fine, 1001 are too deep.
	{strings.Repeat("(", 1001) + strings.Repeat(")", 1001), nil},
	{strings.Repeat("(?:", 500) + "a" + strings.Repeat(")", 500), []string{"a"}},
	// Backtracking bombs: linear time for Go.
	{`(a+)+`, []string{name29, "b"}},
	{`(a+)+$`, []string{name29, "aaa"}},
	{`^((a+)+)$`, []string{name29}},
	{`(a|a)*b`, []string{strings.Repeat("a", 40)}},
	{`(x+x+)+y`, []string{strings.Repeat("x", 40)}},
	// drop_frames as pprof wraps it (`^(` + drop + `)$`): a `)(` inside the pattern changes the anchoring.
	{`^(runtime\..*|mallocgc)$`, []string{"runtime.mallocgc", "main.runtime.x", "mallocgc"}},
	{`^(a)|(b)$`, []string{"ax", "xb", "xbx"}},
	// Alternation and empty patterns.
	{``, []string{"", "abc"}},
	{`a|`, []string{"b"}},
	{`|b`, []string{"a"}},
	{`main\.(foo|bar)`, []string{"main.bar", "main.baz"}},
	// Case folding is simple (no ß → SS).
	{`(?i)straße`, []string{"STRASSE", "strasse"}},
	{`(?i)ǆ`, []string{"ǅ", "Ǆ"}},
}

// Names whose simplified form (pprof's simplifyFunc) the table records.
var simplifyNames = []string{
	"main.main",
	".main.ppc64",
	"std::vector<int>::push_back(int const&)",
	"(anonymous namespace)::helper(int)",
	"ns::(anonymous namespace)::Foo::bar() const",
	"Foo::operator()(int)",
	"Foo::operator()",
	"Foo::operator()<int>(int)::lambda()",
	"xoperator()(y)",
	"operator(anonymous namespace)(x)",
	"(anonymous namespace)",
	"f((anonymous namespace)::x)",
	"a(b)(c)",
	"..double.dot(x)",
	"noargs",
}

// simplified finds pprof's simplifyFunc(name): the prefix p (of name or of name without a leading '.')
// such that PruneFrom(^p$) prunes beneath a frame named name.
func simplified(name string) string {
	cands := []string{}
	for _, base := range []string{name, strings.TrimPrefix(name, ".")} {
		for i := 0; i <= len(base); i++ {
			cands = append(cands, base[:i])
		}
	}
	for _, c := range cands {
		leaf := &profile.Function{ID: 1, Name: "leaf.never"}
		fn := &profile.Function{ID: 2, Name: name}
		l1 := &profile.Location{ID: 1, Line: []profile.Line{{Function: leaf}}}
		l2 := &profile.Location{ID: 2, Line: []profile.Line{{Function: fn}}}
		p := &profile.Profile{
			SampleType: []*profile.ValueType{{Type: "x", Unit: "count"}},
			Sample:     []*profile.Sample{{Location: []*profile.Location{l1, l2}, Value: []int64{1}}},
			Location:   []*profile.Location{l1, l2},
			Function:   []*profile.Function{leaf, fn},
		}
		p.PruneFrom(regexp.MustCompile("^" + regexp.QuoteMeta(c) + "$"))
		if len(p.Sample[0].Location) == 1 {
			return c
		}
	}
	panic("no simplified form found for " + name)
}

func main() {
	var rows []row
	for _, c := range cases {
		re, err := regexp.Compile(c.pattern)
		if err != nil {
			msg := err.Error()
			rows = append(rows, row{Pattern: c.pattern, Error: &msg})
			continue
		}
		if len(c.inputs) == 0 {
			panic("no inputs for " + c.pattern + ", which Go compiles")
		}
		for _, in := range c.inputs {
			in := in
			m := re.MatchString(in)
			r := row{Pattern: c.pattern, Input: &in, Match: &m}
			if loc := re.FindStringIndex(in); loc != nil {
				f := in[loc[0]:loc[1]]
				r.Find = &f
			}
			rows = append(rows, r)
		}
	}
	type simplifyRow struct {
		Name       string `json:"name"`
		Simplified string `json:"simplified"`
	}
	var simplify []simplifyRow
	for _, n := range simplifyNames {
		simplify = append(simplify, simplifyRow{n, simplified(n)})
	}
	out := struct {
		Go       string        `json:"go"`
		Cases    []row         `json:"cases"`
		Simplify []simplifyRow `json:"simplify"`
	}{runtime.Version(), rows, simplify}
	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		panic(err)
	}
}
