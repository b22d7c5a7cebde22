package main

import "testing"

func TestParseWrk(t *testing.T) {
	const sample = `Running 10s test @ http://127.0.0.1:8080/x
  2 threads and 64 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.23ms    2.34ms  45.67ms   90.12%
    Req/Sec    10.23k     1.23k   15.00k    70.00%
  Latency Distribution
     50%  800.00us
     75%    1.20ms
     90%    2.00ms
     99%    1.50s
  203456 requests in 10.00s, 1.23GB read
  Socket errors: connect 0, read 2, write 1, timeout 0
  Non-2xx or 3xx responses: 5
Requests/sec:  20345.60
Transfer/sec:    123.45MB
`
	tests := []struct {
		name, out string
		want      WrkResult
		wantErr   bool
	}{
		{"full", sample, WrkResult{RequestsPerSec: 20345.60, P50: 0.8, P99: 1500, Requests: 203456, Errors: 8}, false},
		{"no rps", "nothing", WrkResult{}, true},
		{"no latency", "Requests/sec: 5\n", WrkResult{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseWrk(tt.out)
			if (err != nil) != tt.wantErr {
				t.Fatalf("error = %v, want error %v", err, tt.wantErr)
			}
			if !tt.wantErr && got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}
