package benchharness

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"time"
)

// Format and Version identify tlsbench's JSON results. Version changes when
// a field changes meaning or disappears; readers accept every version up to
// theirs. Version 1 is the first.
const (
	Format  = "tlsbench-results"
	Version = 1
)

// Result is one measured row.
type Result struct {
	Family string `json:"family"`        // "AES-128-GCM"
	Verb   string `json:"verb"`          // "seal"
	Alg    string `json:"alg,omitempty"` // dispatch algorithm, if tlscore's code is dispatched
	Impl   string `json:"impl"`          // dispatch implementation, or "go", "openssl"
	Source string `json:"source"`        // "tlscore", "go", "openssl"
	Unit   Unit   `json:"unit"`          // "bytes" or "ops"
	Size   int    `json:"size,omitempty"`
	Procs  int    `json:"procs"` // goroutines running at once; the rate is their aggregate

	Iters  int       `json:"iters,omitempty"`     // operations per goroutine per round
	Rounds []float64 `json:"rounds_ns,omitempty"` // ns/op of each timed round (aggregate for Procs > 1)
	Stats  `json:"stats"`
	// AllocsPerOp is the heap allocations per operation, measured on
	// single-goroutine rows (-1 where not measured).
	AllocsPerOp float64 `json:"allocs_per_op"`
	Err         string  `json:"error,omitempty"`
}

// Key identifies r across runs.
func (r *Result) Key() Key {
	return Key{Family: r.Family, Verb: r.Verb, Impl: r.Impl, Size: r.Size, Procs: r.Procs}
}

// Name is the operation's name, "AES-128-GCM seal".
func (r *Result) Name() string { return r.Family + " " + r.Verb }

// Rate is the median throughput: bytes per second for Bytes operations,
// operations per second for Ops. It is 0 for a failed row.
func (r *Result) Rate() float64 {
	if r.Err != "" || r.Median <= 0 {
		return 0
	}
	if r.Unit == Bytes {
		return float64(r.Size) * 1e9 / r.Median
	}
	return 1e9 / r.Median
}

// Machine is the record of where and how results were taken.
type Machine struct {
	Vendor       string   `json:"vendor"`
	Brand        string   `json:"brand"`
	Family       int      `json:"family"`
	Model        int      `json:"model"`
	Stepping     int      `json:"stepping"`
	Microarch    string   `json:"microarch"`
	LogicalCores int      `json:"logical_cores"`
	L1D          int      `json:"l1d_bytes"`
	L2           int      `json:"l2_bytes"`
	L3           int      `json:"l3_bytes"`
	AvoidZMM     bool     `json:"avoid_zmm,omitempty"`
	Features     []string `json:"features"`           // usable, after TLSCORE_CPU
	Disabled     []string `json:"disabled,omitempty"` // switched off by TLSCORE_CPU
	TLSCoreCPU   string   `json:"tlscore_cpu,omitempty"`

	GOMAXPROCS int    `json:"gomaxprocs"`
	GoVersion  string `json:"go_version"`
	GOOS       string `json:"goos"`
	GOARCH     string `json:"goarch"`
	Kernel     string `json:"kernel,omitempty"`  // uname -srm
	LoadAvg    string `json:"loadavg,omitempty"` // 1, 5, 15 minute load at start
	Purego     bool   `json:"purego,omitempty"`  // built with -tags purego: no assembly
	OpenSSL    string `json:"openssl,omitempty"` // OpenSSL version, when built with -tags openssl
}

// RunInfo records how a run was made.
type RunInfo struct {
	Command  []string  `json:"command"` // the tlsbench arguments
	Profile  string    `json:"profile"`
	Warmup   Duration  `json:"warmup"`
	Round    Duration  `json:"round"`
	Rounds   int       `json:"rounds"`
	Clock    string    `json:"clock,omitempty"` // "thread" (CPU time of the measuring thread) or "wall"
	Started  time.Time `json:"started"`
	Duration Duration  `json:"duration"`
	Note     string    `json:"note,omitempty"`
}

// Duration is a time.Duration that reads and writes as "20ms".
type Duration time.Duration

func (d Duration) MarshalJSON() ([]byte, error) { return json.Marshal(time.Duration(d).String()) }

func (d *Duration) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	v, err := time.ParseDuration(s)
	*d = Duration(v)
	return err
}

// File is a results file: the machine, the run, the rows.
type File struct {
	Format  string   `json:"format"`
	Version int      `json:"version"`
	Machine Machine  `json:"machine"`
	Run     RunInfo  `json:"run"`
	Results []Result `json:"results"`
}

// NewFile returns a results file of the current format for m and run.
func NewFile(m Machine, run RunInfo, results []Result) *File {
	return &File{Format: Format, Version: Version, Machine: m, Run: run, Results: results}
}

// Write writes f as indented JSON.
func (f *File) Write(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(f)
}

// WriteFile writes f to the named file.
func (f *File) WriteFile(name string) error {
	fd, err := os.Create(name)
	if err != nil {
		return err
	}
	if err := f.Write(fd); err != nil {
		fd.Close()
		return err
	}
	return fd.Close()
}

// Read reads a results file, rejecting JSON that is not tlsbench's or is
// of a newer version.
func Read(r io.Reader) (*File, error) {
	var f File
	dec := json.NewDecoder(r)
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("not a tlsbench results file: %v", err)
	}
	if f.Format != Format {
		return nil, errors.New("not a tlsbench results file (no \"format\": \"" + Format + "\")")
	}
	if f.Version < 1 || f.Version > Version {
		return nil, fmt.Errorf("results format version %d; this tlsbench reads versions 1 to %d", f.Version, Version)
	}
	for i, res := range f.Results {
		if res.Family == "" || res.Verb == "" || res.Impl == "" || res.Procs < 1 || (res.Unit != Bytes && res.Unit != Ops) {
			return nil, fmt.Errorf("result %d is incomplete (family, verb, impl, unit, procs)", i)
		}
	}
	return &f, nil
}

// ReadFile reads the named results file; errors name the file.
func ReadFile(name string) (*File, error) {
	fd, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer fd.Close()
	f, err := Read(fd)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	return f, nil
}
