// keepload: keep-alive mTLS requests over HTTP/2 or HTTP/1.1, closed loop or open loop, for the
// rows mtlsload (HTTP/1.1, closed loop only) cannot measure. Go standard library only.
//
//	keepload -addr 127.0.0.1:8443 -sni localhost -cert c.pem -key k.pem -ca ca.pem -proto h2 -c 64 -d 10s
//	keepload ... -proto h1 -c 64 -rate 20000 -d 10s
//
// Every worker owns one connection (TLS 1.3, client certificate) and has one request in flight at a
// time, as mtlsload -mode keep does: the HTTP/2 figure is then comparable with the HTTP/1.1 one (many
// streams on one connection would measure multiplexing, another workload).
//
// -proto h2: ALPN h2 only (Go's net/http client); a response that is not HTTP/2 ends the run with
// exit status 3, so a server that did not negotiate h2 cannot pass for one that did.
// -proto h1: HTTP/1.1 keep-alive written by hand like mtlsload (no ALPN).
//
// -reconnect: a new TCP connection per request (Connection: close), resuming the worker's TLS session
// (bench/replicas). -addr may then name several servers, comma-separated: with -spread alternate each
// worker's next connection goes to the next server, with a ticket the previous one issued (Go's session
// cache is keyed by the server name, not the address); with -spread pinned worker i always uses server
// i mod n. The line then adds "resumed N": the handshakes that resumed a session. -tls12 caps at TLS 1.2.
//
// -rate R (open loop): requests are scheduled on a fixed timetable, R per second; a free worker takes
// the next slot and waits for its time. Latency runs from the slot's scheduled time, not from the
// moment a worker got to it, so a server that falls behind shows its queue in the latency
// (coordinated omission is not hidden). Slots not started within 5 s after the end count as "missed".
// Without -rate (closed loop) each worker sends its next request as soon as the last one is answered.
//
// Prints one line in mtlsload's format, plus the schedule in open loop:
//
//	req/s N  handshakes/s N  errors N  p50 Xms  p99 Yms  [target/s R  missed N]  [first_error "…"]
package main

import (
	"bufio"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// exchanger does one request on the worker's own connection, (re)connecting when needed.
type exchanger interface {
	exchange() error
	close()
}

type h1conn struct {
	addr string
	cfg  *tls.Config
	req  []byte
	conn *tls.Conn
	br   *bufio.Reader
}

func (h *h1conn) exchange() error {
	if h.conn == nil {
		raw, err := net.Dial("tcp", h.addr)
		if err != nil {
			return err
		}
		raw.(*net.TCPConn).SetNoDelay(true)
		c := tls.Client(raw, h.cfg)
		if err := c.Handshake(); err != nil {
			c.Close()
			return err
		}
		h.conn, h.br = c, bufio.NewReader(c)
	}
	if _, err := h.conn.Write(h.req); err != nil {
		h.close()
		return err
	}
	resp, err := http.ReadResponse(h.br, nil)
	if err == nil {
		_, err = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if err == nil && resp.StatusCode != 200 {
			err = fmt.Errorf("status %d", resp.StatusCode)
		}
	}
	if err != nil {
		h.close()
	}
	return err
}

// resumeconn: a new connection per request, resuming the session, to one server or each in turn.
type resumeconn struct {
	addrs   []string
	next    int
	step    int
	cfg     *tls.Config
	req     []byte
	resumed *int64
}

func (r *resumeconn) exchange() error {
	addr := r.addrs[r.next%len(r.addrs)]
	r.next += r.step
	raw, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	raw.(*net.TCPConn).SetNoDelay(true)
	c := tls.Client(raw, r.cfg)
	defer c.Close()
	if err := c.Handshake(); err != nil {
		return err
	}
	if c.ConnectionState().DidResume {
		atomic.AddInt64(r.resumed, 1)
	}
	if _, err := c.Write(r.req); err != nil {
		return err
	}
	// Reading the answer also reads the TLS 1.3 tickets the server sent after its handshake.
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		return err
	}
	_, err = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if err == nil && resp.StatusCode != 200 {
		err = fmt.Errorf("status %d", resp.StatusCode)
	}
	return err
}

func (r *resumeconn) close() {}

func (h *h1conn) close() {
	if h.conn != nil {
		h.conn.Close()
		h.conn = nil
	}
}

var errNotH2 = errors.New("the server did not negotiate HTTP/2")

type h2conn struct {
	client    *http.Client
	transport *http.Transport
	url       string
	proto     string
}

func (h *h2conn) exchange() error {
	resp, err := h.client.Get(h.url)
	if err != nil {
		return err
	}
	_, err = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.ProtoMajor != 2 {
		h.proto = resp.Proto
		return errNotH2
	}
	if err == nil && resp.StatusCode != 200 {
		err = fmt.Errorf("status %d", resp.StatusCode)
	}
	return err
}

func (h *h2conn) close() { h.transport.CloseIdleConnections() }

func main() {
	addr := flag.String("addr", "127.0.0.1:8443", "host:port")
	sni := flag.String("sni", "localhost", "server name")
	certF := flag.String("cert", "", "client certificate chain PEM")
	keyF := flag.String("key", "", "client key PEM")
	caF := flag.String("ca", "", "CA bundle for the server certificate")
	proto := flag.String("proto", "h2", "h2 (ALPN h2, net/http) or h1 (HTTP/1.1 keep-alive, no ALPN)")
	conc := flag.Int("c", 64, "workers, one connection each")
	dur := flag.Duration("d", 10*time.Second, "duration")
	path := flag.String("path", "/", "request path")
	rate := flag.Float64("rate", 0, "open loop: requests per second on a fixed timetable (0: closed loop)")
	reconnect := flag.Bool("reconnect", false, "h1: a new connection per request, resuming the TLS session")
	spread := flag.String("spread", "alternate", "with -reconnect and several -addr: alternate or pinned")
	tls12 := flag.Bool("tls12", false, "cap at TLS 1.2")
	flag.Parse()
	if *proto != "h1" && *proto != "h2" {
		fmt.Fprintln(os.Stderr, "-proto must be h1 or h2")
		os.Exit(2)
	}

	kp, err := tls.LoadX509KeyPair(*certF, *keyF)
	if err != nil {
		fmt.Fprintln(os.Stderr, "client cert:", err)
		os.Exit(2)
	}
	pool := x509.NewCertPool()
	pem, err := os.ReadFile(*caF)
	if err != nil || !pool.AppendCertsFromPEM(pem) {
		fmt.Fprintln(os.Stderr, "ca:", err)
		os.Exit(2)
	}
	if *reconnect && (*proto != "h1" || *rate > 0) {
		fmt.Fprintln(os.Stderr, "-reconnect needs -proto h1 and no -rate")
		os.Exit(2)
	}
	if *spread != "alternate" && *spread != "pinned" {
		fmt.Fprintln(os.Stderr, "-spread must be alternate or pinned")
		os.Exit(2)
	}
	var handshakes, resumed, workers int64
	base := &tls.Config{ServerName: *sni, RootCAs: pool, Certificates: []tls.Certificate{kp}, MinVersion: tls.VersionTLS13,
		VerifyConnection: func(tls.ConnectionState) error { atomic.AddInt64(&handshakes, 1); return nil }}
	if *tls12 {
		base.MinVersion, base.MaxVersion = tls.VersionTLS12, tls.VersionTLS12
	}
	newExchanger := func() exchanger {
		cfg := base.Clone()
		if *reconnect {
			cfg.ClientSessionCache = tls.NewLRUClientSessionCache(4)
			addrs := strings.Split(*addr, ",")
			w := int(atomic.AddInt64(&workers, 1) - 1)
			step := 1
			if *spread == "pinned" {
				step = 0
			}
			req := fmt.Sprintf("GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\nContent-Length: 0\r\n\r\n", *path, *sni)
			return &resumeconn{addrs: addrs, next: w, step: step, cfg: cfg, req: []byte(req), resumed: &resumed}
		}
		if *proto == "h1" {
			req := fmt.Sprintf("GET %s HTTP/1.1\r\nHost: %s\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n", *path, *sni)
			return &h1conn{addr: *addr, cfg: cfg, req: []byte(req)}
		}
		cfg.NextProtos = []string{"h2"}
		// One transport per worker: its own connection, never shared.
		// No Accept-Encoding header, like mtlsload: both servers send the same plain body.
		t := &http.Transport{TLSClientConfig: cfg, ForceAttemptHTTP2: true, MaxIdleConnsPerHost: 1, MaxConnsPerHost: 1, DisableCompression: true}
		return &h2conn{client: &http.Client{Transport: t}, transport: t, url: "https://" + *addr + *path}
	}

	var ok, errs, missed, next int64
	var firstErr atomic.Value
	var notH2 atomic.Value
	var mu sync.Mutex
	var lats []float64
	start := time.Now()
	deadline := start.Add(*dur)
	var interval time.Duration
	var slots int64
	if *rate > 0 {
		interval = time.Duration(float64(time.Second) / *rate)
		slots = int64(dur.Seconds() * *rate)
	}
	var wg sync.WaitGroup
	for i := 0; i < *conc; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			x := newExchanger()
			defer x.close()
			local := make([]float64, 0, 100000)
			for {
				var t0 time.Time
				if *rate > 0 {
					n := atomic.AddInt64(&next, 1) - 1
					if n >= slots {
						break
					}
					t0 = start.Add(time.Duration(n) * interval)
					if time.Since(deadline) > 5*time.Second {
						atomic.AddInt64(&missed, 1)
						continue
					}
					if d := time.Until(t0); d > 0 {
						time.Sleep(d)
					}
				} else {
					t0 = time.Now()
					if !t0.Before(deadline) {
						break
					}
				}
				if err := x.exchange(); err != nil {
					atomic.AddInt64(&errs, 1)
					firstErr.CompareAndSwap(nil, err.Error())
					if err == errNotH2 {
						notH2.CompareAndSwap(nil, x.(*h2conn).proto)
						break
					}
					continue
				}
				atomic.AddInt64(&ok, 1)
				local = append(local, float64(time.Since(t0).Microseconds())/1000)
			}
			mu.Lock()
			lats = append(lats, local...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	if p := notH2.Load(); p != nil {
		fmt.Fprintf(os.Stderr, "keepload: %s answered with %s, not HTTP/2: ALPN h2 was not negotiated\n", *addr, p)
		os.Exit(3)
	}
	sort.Float64s(lats)
	p := func(q float64) float64 {
		if len(lats) == 0 {
			return 0
		}
		return lats[int(float64(len(lats)-1)*q)]
	}
	secs := dur.Seconds()
	fmt.Printf("req/s %.0f  handshakes/s %.0f  errors %d  p50 %.2fms  p99 %.2fms", float64(ok)/secs, float64(handshakes)/secs, errs, p(0.5), p(0.99))
	if *rate > 0 {
		fmt.Printf("  target/s %.0f  missed %d", *rate, missed)
	}
	if *reconnect {
		fmt.Printf("  resumed %d", resumed)
	}
	if e := firstErr.Load(); e != nil {
		fmt.Printf("  first_error %q", e)
	}
	fmt.Println()
}
