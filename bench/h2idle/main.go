// h2idle: holds N idle HTTP/2 mTLS connections open, to measure a server's memory per idle
// HTTP/2 connection (mtlsload speaks HTTP/1.1 only). Go standard library only.
//
//	h2idle -addr 127.0.0.1:8443 -sni localhost -cert c.pem -key k.pem -ca ca.pem -c 5000 -d 30s
//
// Each worker opens its own connection (ALPN h2, TLS 1.3), makes one GET, then keeps the
// connection open without traffic until the end. Prints one line: connections held, errors.
package main

import (
	"crypto/tls"
	"crypto/x509"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"sync"
	"sync/atomic"
	"time"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8443", "host:port")
	sni := flag.String("sni", "localhost", "server name")
	certF := flag.String("cert", "", "client certificate chain PEM")
	keyF := flag.String("key", "", "client key PEM")
	caF := flag.String("ca", "", "CA bundle for the server certificate")
	conc := flag.Int("c", 1000, "connections")
	dur := flag.Duration("d", 30*time.Second, "how long to hold them")
	path := flag.String("path", "/", "request path")
	flag.Parse()

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
	deadline := time.Now().Add(*dur)
	var held, errs int64
	var firstErr atomic.Value
	var wg sync.WaitGroup
	for i := 0; i < *conc; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// One transport per worker: its own connection, never shared.
			transport := &http.Transport{
				TLSClientConfig: &tls.Config{ServerName: *sni, RootCAs: pool, Certificates: []tls.Certificate{kp},
					MinVersion: tls.VersionTLS13, NextProtos: []string{"h2"}},
				ForceAttemptHTTP2: true,
				DialContext:       nil,
			}
			client := &http.Client{Transport: transport}
			resp, err := client.Get("https://" + *addr + *path)
			if err == nil {
				_, err = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if err == nil && resp.ProtoMajor != 2 {
					err = fmt.Errorf("negotiated %s, not HTTP/2", resp.Proto)
				}
			}
			if err != nil {
				atomic.AddInt64(&errs, 1)
				firstErr.CompareAndSwap(nil, err.Error())
				return
			}
			atomic.AddInt64(&held, 1)
			time.Sleep(time.Until(deadline))
			transport.CloseIdleConnections()
		}()
	}
	wg.Wait()
	fmt.Printf("held %d  errors %d", held, errs)
	if e := firstErr.Load(); e != nil {
		fmt.Printf("  first error: %s", e)
	}
	fmt.Println()
}
