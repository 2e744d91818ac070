// Command ctcheck looks for timing leaks of secrets with the dudect method
// (Reparaz, Balasch, Verbauwhede, "Dude, is my code constant time?", DATE
// 2017): for every implementation of every secret-handling operation it
// times many calls whose secret input is either one fixed value (class 0) or
// a fresh random value (class 1), the two classes interleaved in a random
// order, and runs Welch's t-test on the two timing distributions, on all
// samples and on samples cropped at several percentiles (the cropping
// removes the long tail of interrupts and GC pauses, which can hide a small
// leak). It prints the largest |t| per operation and implementation and
// flags |t| > 10, dudect's threshold for "definitely not constant time";
// |t| < 4.5 is the usual "no evidence of a leak" level.
//
//	go run ./cmd/ctcheck [-samples N] [-time D] [-op regexp] [-impl regexp]
//
// A flag is evidence, not proof: a busy machine adds noise that the
// interleaving spreads over both classes, so it lowers |t| rather than
// raising it, but a shared cache or frequency change that correlates with
// one class's inputs can raise it. Rerun a flagged row alone (-op, -impl)
// before concluding. This is a tool, not a test: go test makes no timing
// assertions.
package main

import (
	"bytes"
	"crypto"
	"crypto/cipher"
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	stdrsa "crypto/rsa"
	"crypto/subtle"
	"crypto/x509"
	"encoding/pem"
	"flag"
	"fmt"
	"math"
	mrand "math/rand/v2"
	"os"
	"regexp"
	"runtime"
	"runtime/debug"
	"slices"
	"time"

	"github.com/tlscore/tlscore/aead/aesgcm"
	"github.com/tlscore/tlscore/aead/chacha20poly1305"
	"github.com/tlscore/tlscore/dispatch"
	"github.com/tlscore/tlscore/kx/mlkem"
	"github.com/tlscore/tlscore/kx/p256"
	"github.com/tlscore/tlscore/kx/x25519"
	ourecdsa "github.com/tlscore/tlscore/sig/ecdsa"
	"github.com/tlscore/tlscore/sig/ed25519"
	ourrsa "github.com/tlscore/tlscore/sig/rsa"
)

// An op is one secret-handling operation. setup prepares, for the
// implementation selected in dispatch, the inputs of n calls of class 0
// (fixed secret) or 1 (random secret) and returns the function that makes
// call i; everything but the call itself happens in setup.
type op struct {
	name   string
	alg    string // dispatch algorithm
	secret string // what is fixed or random
	scale  int    // relative cost: samples are divided by it
	// control marks the tool's own checks: a deliberately leaky operation
	// that must be flagged (leaky) and its constant-time counterpart.
	control, leaky bool
	setup          func(classes []byte) (call func(i int), err error)
}

func main() {
	samples := flag.Int("samples", 200000, "samples per operation and implementation (before dividing by the op's cost)")
	budget := flag.Duration("time", 20*time.Second, "time limit per operation and implementation")
	opRE := flag.String("op", "", "run only operations matching this regexp")
	implRE := flag.String("impl", "", "run only implementations matching this regexp")
	md := flag.Bool("markdown", false, "print a Markdown table")
	flag.Parse()
	opMatch, implMatch := regexp.MustCompile(*opRE), regexp.MustCompile(*implRE)

	fmt.Printf("# ctcheck: dudect-style Welch t-test, fixed vs random secret, classes interleaved\n")
	fmt.Printf("# %s %s/%s GOMAXPROCS=%d, -samples %d -time %v, %s\n", runtime.Version(), runtime.GOOS, runtime.GOARCH,
		runtime.GOMAXPROCS(0), *samples, *budget, time.Now().UTC().Format(time.RFC3339))
	if *md {
		fmt.Println("| operation | secret | implementation | samples | median ns fixed | median ns random | max \\|t\\| | verdict |")
		fmt.Println("|---|---|---|---:|---:|---:|---:|---|")
	} else {
		fmt.Printf("%-30s %-16s %-12s %9s %11s %11s %8s  %s\n", "operation", "secret", "impl", "samples", "med0 ns", "med1 ns", "max|t|", "verdict")
	}
	flagged := 0
	for _, o := range ops {
		if !opMatch.MatchString(o.name) {
			continue
		}
		impls := []dispatch.Impl{{Name: "go", Available: true}}
		if o.alg != "" {
			impls = dispatch.List(o.alg)
		}
		for _, im := range impls {
			if !im.Available || !implMatch.MatchString(im.Name) {
				continue
			}
			if o.alg != "" {
				if err := dispatch.Select(o.alg, im.Name); err != nil {
					fatal(err)
				}
			}
			r, err := measure(o, max(1000, *samples/o.scale), *budget)
			if o.alg != "" {
				dispatch.Reset(o.alg)
			}
			if err != nil {
				if *md {
					fmt.Printf("| %s | %s | %s | - | - | - | - | not measured: %v |\n", o.name, o.secret, im.Name, err)
				} else {
					fmt.Printf("%-30s %-16s %-12s not measured: %v\n", o.name, o.secret, im.Name, err)
				}
				continue
			}
			verdict := "ok"
			switch {
			case o.control && o.leaky && r.maxT > 10:
				verdict = "flagged, as it must be (control)"
			case o.control && o.leaky:
				verdict = "CONTROL NOT FLAGGED: this run cannot see a leak of this size"
				flagged++
			case r.maxT > 10:
				verdict = "FLAG (|t| > 10)"
				flagged++
			case r.maxT > 4.5:
				verdict = "inconclusive (4.5 < |t| <= 10)"
			}
			if *md {
				fmt.Printf("| %s | %s | %s | %d | %.0f | %.0f | %.2f | %s |\n", o.name, o.secret, im.Name, r.n, r.med[0], r.med[1], r.maxT, verdict)
			} else {
				fmt.Printf("%-30s %-16s %-12s %9d %11.0f %11.0f %8.2f  %s\n", o.name, o.secret, im.Name, r.n, r.med[0], r.med[1], r.maxT, verdict)
			}
		}
	}
	if flagged > 0 {
		fmt.Printf("# %d row(s) flagged\n", flagged)
		os.Exit(1)
	}
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "ctcheck:", err)
	os.Exit(2)
}

type result struct {
	n    int
	med  [2]float64
	maxT float64
}

// measure times o in batches: each batch prepares the inputs of its calls
// (classes drawn at random), makes every call once untimed, then times each
// call alone. Calls must be repeatable (they are: each one's inputs are
// read, not consumed).
func measure(o op, n int, budget time.Duration) (result, error) {
	// Batches of up to 2000 calls, smaller for the slow operations so that
	// the time budget holds several of them.
	batch := min(2000, max(100, n/10))
	times := make([]float64, 0, n)
	classes := make([]byte, 0, n)
	// GC pauses land on either class alike, but fewer of them is less noise.
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	start := time.Now()
	for len(times) < n && time.Since(start) < budget {
		cls := make([]byte, min(batch, n-len(times)))
		for i := range cls {
			cls[i] = byte(mrand.IntN(2))
		}
		call, err := o.setup(cls)
		if err != nil {
			return result{}, err
		}
		// One untimed pass first: first-use work (lazily computed values,
		// cold caches for objects made in setup, where one class may have
		// been touched last) must not fall on one class.
		for i := range cls {
			call(i)
		}
		ts := make([]float64, len(cls))
		for i := range cls {
			t0 := time.Now()
			call(i)
			ts[i] = float64(time.Since(t0))
		}
		times = append(times, ts...)
		classes = append(classes, cls...)
	}
	if len(times) < 100 {
		return result{}, fmt.Errorf("only %d samples in %v", len(times), budget)
	}
	r := result{n: len(times)}
	var by [2][]float64
	for i, t := range times {
		by[classes[i]] = append(by[classes[i]], t)
	}
	for c := range 2 {
		s := slices.Clone(by[c])
		slices.Sort(s)
		r.med[c] = s[len(s)/2]
	}
	// dudect's crops: keep samples below the p-th percentile of all
	// samples, for p from 10% to 99.9%, plus no cropping.
	all := slices.Clone(times)
	slices.Sort(all)
	r.maxT = math.Abs(welch(times, classes, math.Inf(1)))
	for _, p := range []float64{0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99, 0.999} {
		limit := all[int(p*float64(len(all)-1))]
		r.maxT = max(r.maxT, math.Abs(welch(times, classes, limit)))
	}
	return r, nil
}

// welch returns Welch's t statistic of the samples below limit, class 0
// against class 1 (0 if a class has fewer than 10).
func welch(times []float64, classes []byte, limit float64) float64 {
	var n, mean, m2 [2]float64
	for i, t := range times {
		if t > limit {
			continue
		}
		c := classes[i]
		n[c]++
		d := t - mean[c]
		mean[c] += d / n[c]
		m2[c] += d * (t - mean[c])
	}
	if n[0] < 10 || n[1] < 10 {
		return 0
	}
	v0, v1 := m2[0]/(n[0]-1), m2[1]/(n[1]-1)
	den := math.Sqrt(v0/n[0] + v1/n[1])
	if den == 0 {
		return 0
	}
	return (mean[0] - mean[1]) / den
}

// fixedOrRandom returns one []byte of size bytes per class entry: the same
// fixed value for class 0, fresh random bytes for class 1.
func fixedOrRandom(classes []byte, fixed []byte) [][]byte {
	out := make([][]byte, len(classes))
	for i, c := range classes {
		if c == 0 {
			out[i] = bytes.Clone(fixed)
		} else {
			out[i] = make([]byte, len(fixed))
			rand.Read(out[i])
		}
	}
	return out
}

// pairOrder returns 0, 1 or 1, 0 at random: the pools of per-class objects
// are allocated a pair at a time in this order, so that neither class gets
// the first (or the second) allocation of every pair, whose alignment may
// differ systematically and show in the t-test.
func pairOrder() []int {
	if mrand.IntN(2) == 0 {
		return []int{0, 1}
	}
	return []int{1, 0}
}

// perSample returns the object each call uses, so that the timed code is
// the same for both classes (indexing pools by class showed as a
// difference in an A/A test).
func perSample[T any](classes []byte, pools [2][]T, pool int) []T {
	out := make([]T, len(classes))
	for i, c := range classes {
		out[i] = pools[c][i%pool]
	}
	return out
}

func pattern(n int, seed byte) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = seed + byte(i*7)
	}
	return b
}

// aeadOps returns the seal and open operations of an AEAD: the secret is
// the key and the plaintext. Each class has a pool of AEAD objects (class 0:
// all with the fixed key), so that both classes use as many objects.
func aeadOps(name, alg string, keyLen, msgLen int, mk func([]byte) (cipher.AEAD, error)) []op {
	return aeadOpsMode(name, alg, keyLen, msgLen, mk, "key, plaintext")
}

// aeadOpsMode is aeadOps with the secret that differs between the classes:
// "key, plaintext", "key", "plaintext" or "none" (an A/A test: both classes
// get fixed inputs, so any |t| is the harness's own).
func aeadOpsMode(name, alg string, keyLen, msgLen int, mk func([]byte) (cipher.AEAD, error), mode string) []op {
	const pool = 64
	fixedKey := pattern(keyLen, 1)
	fixedMsg := pattern(msgLen, 2)
	randKey, randMsg := mode == "key, plaintext" || mode == "key", mode == "key, plaintext" || mode == "plaintext"
	msgsFor := func(classes []byte) [][]byte {
		if randMsg {
			return fixedOrRandom(classes, fixedMsg)
		}
		return fixedOrRandom(make([]byte, len(classes)), fixedMsg)
	}
	mkPools := func() (aeads [2][]cipher.AEAD, err error) {
		// Allocate the two classes' objects alternately, so that their
		// addresses (and what shares cache sets or 4 KiB aliases with
		// them) are distributed alike: allocating one class first made
		// a difference the t-test saw.
		for range pool {
			for _, c := range pairOrder() {
				key := fixedKey
				if c == 1 && randKey {
					key = make([]byte, keyLen)
					rand.Read(key)
				}
				a, err := mk(key)
				if err != nil {
					return aeads, err
				}
				aeads[c] = append(aeads[c], a)
			}
		}
		return aeads, nil
	}
	return []op{
		{name: name + " seal", alg: alg, secret: mode, scale: 1,
			setup: func(classes []byte) (func(int), error) {
				aeads, err := mkPools()
				if err != nil {
					return nil, err
				}
				msgs := msgsFor(classes)
				nonce := make([]byte, aeads[0][0].NonceSize())
				out := make([]byte, 0, msgLen+16)
				objs := perSample(classes, aeads, pool)
				return func(i int) {
					objs[i].Seal(out, nonce, msgs[i], nil)
				}, nil
			}},
		{name: name + " open", alg: alg, secret: mode, scale: 1,
			setup: func(classes []byte) (func(int), error) {
				aeads, err := mkPools()
				if err != nil {
					return nil, err
				}
				msgs := msgsFor(classes)
				nonce := make([]byte, aeads[0][0].NonceSize())
				cts := make([][]byte, len(classes))
				for i, c := range classes {
					cts[i] = aeads[c][i%pool].Seal(nil, nonce, msgs[i], nil)
				}
				out := make([]byte, 0, msgLen)
				objs := perSample(classes, aeads, pool)
				return func(i int) {
					if _, err := objs[i].Open(out, nonce, cts[i], nil); err != nil {
						panic(err)
					}
				}, nil
			}},
	}
}

var ops = func() []op {
	var l []op
	// Controls: bytes.Equal returns at the first differing byte, so a
	// secret equal to the reference (class 0) takes longer than a random
	// one; subtle.ConstantTimeCompare does not.
	ref := pattern(4096, 16)
	l = append(l,
		op{name: "control: bytes.Equal 4 KiB", secret: "compared value", scale: 1, control: true, leaky: true,
			setup: func(classes []byte) (func(int), error) {
				v := fixedOrRandom(classes, ref)
				return func(i int) { bytes.Equal(v[i], ref) }, nil
			}},
		op{name: "control: bytes.Equal 64 B", secret: "compared value", scale: 1, control: true, leaky: true,
			setup: func(classes []byte) (func(int), error) {
				v := fixedOrRandom(classes, ref[:64])
				return func(i int) { bytes.Equal(v[i], ref[:64]) }, nil
			}},
		op{name: "control: ConstantTimeCompare", secret: "compared value", scale: 1, control: true,
			setup: func(classes []byte) (func(int), error) {
				v := fixedOrRandom(classes, ref)
				return func(i int) { subtle.ConstantTimeCompare(v[i], ref) }, nil
			}},
	)
	l = append(l, aeadOps("AES-128-GCM 1 KiB", aesgcm.Alg, 16, 1024, aesgcm.New)...)
	l = append(l, aeadOps("AES-256-GCM 1 KiB", aesgcm.Alg, 32, 1024, aesgcm.New)...)
	l = append(l, aeadOps("AES-128-GCM 64 B", aesgcm.Alg, 16, 64, aesgcm.New)...)
	// Diagnostics for the 64-byte rows: which secret (if any) makes the
	// difference.
	for _, mode := range []string{"none", "key", "plaintext"} {
		l = append(l, aeadOpsMode("AES-128-GCM 64 B ["+mode+"]", aesgcm.Alg, 16, 64, aesgcm.New, mode)...)
	}
	l = append(l, aeadOps("ChaCha20-Poly1305 1 KiB", chacha20poly1305.Alg, 32, 1024, chacha20poly1305.New)...)
	l = append(l, aeadOps("ChaCha20-Poly1305 64 B", chacha20poly1305.Alg, 32, 64, chacha20poly1305.New)...)
	l = append(l,
		op{name: "AES-GCM New", alg: aesgcm.Alg, secret: "key", scale: 1,
			setup: func(classes []byte) (func(int), error) {
				keys := fixedOrRandom(classes, pattern(16, 3))
				return func(i int) { aesgcm.New(keys[i]) }, nil
			}},
		op{name: "X25519", alg: "x25519", secret: "scalar", scale: 2,
			setup: func(classes []byte) (func(int), error) {
				scalars := fixedOrRandom(classes, pattern(32, 4))
				peer, err := x25519.ScalarBaseMult(pattern(32, 5))
				if err != nil {
					return nil, err
				}
				var dst [32]byte
				return func(i int) { x25519.ECDH(&dst, (*[32]byte)(scalars[i]), (*[32]byte)(peer)) }, nil
			}},
		op{name: "X25519 base", alg: "x25519", secret: "scalar", scale: 2,
			setup: func(classes []byte) (func(int), error) {
				scalars := fixedOrRandom(classes, pattern(32, 6))
				var dst [32]byte
				return func(i int) { x25519.ScalarBaseMultTo(&dst, (*[32]byte)(scalars[i])) }, nil
			}},
		op{name: "P-256 ECDH", alg: "p256", secret: "scalar", scale: 2,
			setup: func(classes []byte) (func(int), error) {
				privs := p256Scalars(classes)
				k, err := ecdh.P256().NewPrivateKey(pattern(32, 7))
				if err != nil {
					return nil, err
				}
				peer := k.PublicKey().Bytes()
				return func(i int) {
					if _, err := p256.ECDH(privs[i], peer); err != nil {
						panic(err)
					}
				}, nil
			}},
		op{name: "ECDSA P-256 sign", alg: "p256", secret: "key, nonce", scale: 2,
			setup: func(classes []byte) (func(int), error) {
				keys, err := ecdsaKeys(classes)
				if err != nil {
					return nil, err
				}
				digest := pattern(32, 8)
				// The nonce comes from rand (hedged with the key and
				// digest): fixed bytes for class 0, random for class 1.
				rnds := fixedOrRandom(classes, pattern(64, 9))
				return func(i int) {
					if _, err := keys[i].Sign(bytes.NewReader(rnds[i]), digest, crypto.SHA256); err != nil {
						panic(err)
					}
				}, nil
			}},
		op{name: "RSA-2048 sign", alg: "rsa", secret: "key, message", scale: 20,
			setup: func(classes []byte) (func(int), error) {
				keys, err := rsaKeys(classes)
				if err != nil {
					return nil, err
				}
				digests := fixedOrRandom(classes, pattern(32, 10))
				return func(i int) {
					if _, err := keys[i].Sign(nil, digests[i], crypto.SHA256); err != nil {
						panic(err)
					}
				}, nil
			}},
		op{name: "ML-KEM-768 decapsulate", alg: "mlkem", secret: "key, ciphertext", scale: 2,
			setup: func(classes []byte) (func(int), error) { return mlkemSetup(classes, "key, ciphertext") }},
		op{name: "ML-KEM-768 decapsulate [validity]", alg: "mlkem", secret: "validity", scale: 2,
			setup: func(classes []byte) (func(int), error) { return mlkemSetup(classes, "validity") }},
		op{name: "ML-KEM-768 decapsulate [key, msg]", alg: "mlkem", secret: "key, message", scale: 2,
			setup: func(classes []byte) (func(int), error) { return mlkemSetup(classes, "key, message") }},
		op{name: "ML-KEM-768 decapsulate [message]", alg: "mlkem", secret: "message", scale: 2,
			setup: func(classes []byte) (func(int), error) { return mlkemSetup(classes, "message") }},
		op{name: "Ed25519 sign", alg: "ed25519", secret: "key, message", scale: 2,
			setup: func(classes []byte) (func(int), error) {
				seeds := fixedOrRandom(classes, pattern(32, 11))
				msgs := fixedOrRandom(classes, pattern(64, 12))
				keys := make([]*ed25519.PrivateKey, len(classes))
				for i := range keys {
					keys[i] = ed25519.NewKeyFromSeed(seeds[i])
				}
				return func(i int) {
					if _, err := keys[i].Sign(nil, msgs[i], crypto.Hash(0)); err != nil {
						panic(err)
					}
				}, nil
			}},
	)
	return l
}()

// p256Scalars returns a valid P-256 private key per class entry: fixed for
// class 0, random in [1, n-1] for class 1.
func p256Scalars(classes []byte) [][]byte {
	fixed := pattern(32, 13)
	out := make([][]byte, len(classes))
	for i, c := range classes {
		if c == 0 {
			out[i] = bytes.Clone(fixed) // a copy per call, as class 1 has
			continue
		}
		priv, _, err := p256.GenerateKey(nil)
		if err != nil {
			fatal(err)
		}
		out[i] = priv
	}
	return out
}

// ecdsaKeys returns a key per class entry from pools of 16 (class 0: the
// same key 16 times, as separate objects), made for the implementation
// selected now.
func ecdsaKeys(classes []byte) ([]*ourecdsa.PrivateKey, error) {
	const pool = 16
	fixedStd, err := ecdsa.ParseRawPrivateKey(elliptic.P256(), pattern(32, 14))
	if err != nil {
		return nil, err
	}
	var pools [2][]*ourecdsa.PrivateKey
	for range pool { // classes alternate (see aeadOps)
		for _, c := range pairOrder() {
			std := fixedStd
			if c == 1 {
				if std, err = ecdsa.GenerateKey(elliptic.P256(), rand.Reader); err != nil {
					return nil, err
				}
			}
			k, err := ourecdsa.NewPrivateKey(std)
			if err != nil {
				return nil, err
			}
			pools[c] = append(pools[c], k)
		}
	}
	out := make([]*ourecdsa.PrivateKey, len(classes))
	for i, c := range classes {
		out[i] = pools[c][i%pool]
	}
	return out, nil
}

// rsaStd holds the RSA keys: the fixed one from sig/rsa/testdata and eight
// random ones, generated once.
var rsaStd []*stdrsa.PrivateKey

func rsaKeys(classes []byte) ([]*ourrsa.PrivateKey, error) {
	if rsaStd == nil {
		data, err := os.ReadFile("sig/rsa/testdata/rsa2048.pem")
		if err != nil {
			return nil, fmt.Errorf("%v (run from the module root)", err)
		}
		blk, _ := pem.Decode(data)
		fixed, err := x509.ParsePKCS1PrivateKey(blk.Bytes)
		if err != nil {
			return nil, err
		}
		rsaStd = append(rsaStd, fixed)
		for range 8 {
			k, err := stdrsa.GenerateKey(rand.Reader, 2048)
			if err != nil {
				return nil, err
			}
			rsaStd = append(rsaStd, k)
		}
	}
	var pools [2][]*ourrsa.PrivateKey
	for j := range 8 { // classes alternate (see aeadOps)
		for _, c := range pairOrder() {
			std := rsaStd[0]
			if c == 1 {
				std = rsaStd[1+j]
			}
			k, err := ourrsa.NewPrivateKey(std)
			if err != nil {
				return nil, err
			}
			pools[c] = append(pools[c], k)
		}
	}
	out := make([]*ourrsa.PrivateKey, len(classes))
	for i, c := range classes {
		out[i] = pools[c][i%8]
	}
	return out, nil
}

// mlkemSetup prepares ML-KEM-768 decapsulations. mode "key, ciphertext":
// class 0 decapsulates a fixed valid ciphertext under a fixed key, class 1
// under random keys ciphertexts of random messages, half of them corrupted
// so that implicit rejection runs. mode "validity": one fixed key; class 0
// valid ciphertexts of random messages, class 1 the same corrupted by one
// bit (implicit rejection must not show: FIPS 203 section 6.3, a timing
// difference there is a chosen-ciphertext oracle). mode "key, message":
// class 1 valid ciphertexts only. mode "message": one fixed key; class 0
// a fixed valid ciphertext, class 1 valid ciphertexts of random messages.
func mlkemSetup(classes []byte, mode string) (func(int), error) {
	const pool = 16
	fixedDK, err := mlkem.NewDecapsulationKey768(pattern(64, 15))
	if err != nil {
		return nil, err
	}
	_, fixedCT := fixedDK.EncapsulationKey().Encapsulate()
	var dks [2][]*mlkem.DecapsulationKey768
	for range pool { // classes alternate (see aeadOps)
		for _, c := range pairOrder() {
			seed := pattern(64, 15)
			if c == 1 && mode != "validity" && mode != "message" {
				rand.Read(seed)
			}
			dk, err := mlkem.NewDecapsulationKey768(seed)
			if err != nil {
				return nil, err
			}
			dks[c] = append(dks[c], dk)
		}
	}
	// A key computes H(ek) on its first decapsulation unless an
	// encapsulation has done it: use every key once, so that no class has
	// more first uses than the other (class 1's keys encapsulate below).
	for _, pool := range dks {
		for _, dk := range pool {
			if _, err := dk.Decapsulate(fixedCT); err != nil {
				return nil, err
			}
		}
	}
	cts := make([][]byte, len(classes))
	for i, c := range classes {
		if c == 0 && mode != "validity" {
			cts[i] = bytes.Clone(fixedCT) // a copy per call, as class 1 has
			continue
		}
		_, ct := dks[c][i%pool].EncapsulationKey().Encapsulate()
		switch {
		case mode == "key, ciphertext" && i%4 < 2, mode == "validity" && c == 1:
			ct[mrand.IntN(len(ct))] ^= 1
		}
		cts[i] = ct
	}
	objs := perSample(classes, dks, pool)
	return func(i int) {
		if _, err := objs[i].Decapsulate(cts[i]); err != nil {
			panic(err)
		}
	}, nil
}
