package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// proc is a child process the bench started and must stop.
type proc struct {
	cmd  *exec.Cmd
	done chan error
}

// stop asks the process to exit (SIGTERM), waits up to 10 s, then kills it.
func (p *proc) stop() {
	if p == nil || p.cmd.Process == nil {
		return
	}
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.done:
	case <-time.After(10 * time.Second):
		_ = p.cmd.Process.Kill()
		<-p.done
	}
}

// pid returns the process id.
func (p *proc) pid() int { return p.cmd.Process.Pid }

// startServer runs the real server binary on a free loopback port with its
// embedded default configuration, its log (one line per request) going to a
// file in dir as nginx's access log does, and returns it with its base URL.
func startServer(binary, dir string) (*proc, string, error) {
	port, err := freePort()
	if err != nil {
		return nil, "", err
	}
	logFile, err := os.Create(filepath.Join(dir, "server.log"))
	if err != nil {
		return nil, "", err
	}
	defer logFile.Close() // the child has its own descriptor
	base := fmt.Sprintf("http://127.0.0.1:%d", port)
	cmd := exec.Command(binary, "-addr", strings.TrimPrefix(base, "http://"))
	cmd.Stdout = logFile
	cmd.Stderr = logFile
	if err := cmd.Start(); err != nil {
		return nil, "", fmt.Errorf("starting %s: %w", binary, err)
	}
	p := &proc{cmd: cmd, done: make(chan error, 1)}
	go func() { p.done <- cmd.Wait() }()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case err := <-p.done:
			log, _ := os.ReadFile(logFile.Name())
			return nil, "", fmt.Errorf("%s exited (%v):\n%s", binary, err, log)
		default:
		}
		if res, err := http.Get(base + "/healthz"); err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return p, base, nil
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	p.stop()
	return nil, "", fmt.Errorf("%s did not answer on %s within 30 s", binary, base)
}

// peakRSS reads VmHWM (peak resident set size) of a process, in bytes.
func peakRSS(pid int) (int64, error) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, fmt.Errorf("reading the server's peak RSS: %w", err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			if err != nil {
				return 0, fmt.Errorf("parsing VmHWM %q: %w", v, err)
			}
			return kb * 1024, nil
		}
	}
	return 0, fmt.Errorf("no VmHWM in /proc/%d/status", pid)
}

// freePort returns a loopback port that was free a moment ago.
func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// nginxConfig is the bench's nginx: the same precompressed files, brotli_static
// and gzip_static, a Debian-default-like setup (one worker per core, sendfile,
// an access log) with keep-alive requests unlimited like Go's server.
const nginxConfig = `# written by the bench; removed when it ends
worker_processes auto;
pid {{dir}}/nginx.pid;
error_log {{dir}}/error.log warn;
load_module {{module}};
events { worker_connections 1024; }
http {
  types { application/wasm wasm; application/javascript js; application/json json; }
  default_type application/octet-stream;
  access_log {{dir}}/access.log;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  client_body_temp_path {{dir}}/tmp/body;
  proxy_temp_path {{dir}}/tmp/proxy;
  fastcgi_temp_path {{dir}}/tmp/fastcgi;
  uwsgi_temp_path {{dir}}/tmp/uwsgi;
  scgi_temp_path {{dir}}/tmp/scgi;
  server {
    listen 127.0.0.1:{{port}};
    root {{dir}}/root;
    brotli_static on;
    gzip_static on;
    gzip_vary on;
    location /assets/ {
      add_header Cache-Control "public, max-age=31536000, immutable";
      add_header Access-Control-Allow-Origin "*";
    }
    location /v1/ {
      default_type application/json;
      add_header Cache-Control "public, max-age=60, stale-while-revalidate=300";
      add_header Access-Control-Allow-Origin "*";
    }
  }
}
`

// brotliModule is where Debian's libnginx-mod-http-brotli-static puts the module.
const brotliModule = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so"

// startNginx runs nginx in the foreground from dir (which holds root/) on a
// free loopback port, and returns it with its base URL.
func startNginx(dir string) (*proc, string, error) {
	if _, err := exec.LookPath("nginx"); err != nil {
		return nil, "", fmt.Errorf("nginx is not installed (run `make bench` as root, or apt-get install nginx libnginx-mod-http-brotli-static): %w", err)
	}
	if _, err := os.Stat(brotliModule); err != nil {
		return nil, "", fmt.Errorf("nginx's brotli_static module is missing (apt-get install libnginx-mod-http-brotli-static): %w", err)
	}
	port, err := freePort()
	if err != nil {
		return nil, "", err
	}
	conf := strings.NewReplacer("{{dir}}", dir, "{{port}}", strconv.Itoa(port), "{{module}}", brotliModule).Replace(nginxConfig)
	confFile := filepath.Join(dir, "nginx.conf")
	if err := os.WriteFile(confFile, []byte(conf), 0o644); err != nil {
		return nil, "", err
	}
	if err := os.MkdirAll(filepath.Join(dir, "tmp"), 0o755); err != nil {
		return nil, "", err
	}
	cmd := exec.Command("nginx", "-p", dir, "-c", confFile, "-e", filepath.Join(dir, "error.log"), "-g", "daemon off;")
	cmd.Stdout = io.Discard
	cmd.Stderr = io.Discard
	if err := cmd.Start(); err != nil {
		return nil, "", fmt.Errorf("starting nginx: %w", err)
	}
	p := &proc{cmd: cmd, done: make(chan error, 1)}
	go func() { p.done <- cmd.Wait() }()
	base := fmt.Sprintf("http://127.0.0.1:%d", port)
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	for ctx.Err() == nil {
		select {
		case err := <-p.done:
			log, _ := os.ReadFile(filepath.Join(dir, "error.log"))
			return nil, "", fmt.Errorf("nginx exited (%v):\n%s", err, log)
		default:
		}
		if res, err := http.Get(base + "/"); err == nil {
			res.Body.Close()
			return p, base, nil
		}
		time.Sleep(50 * time.Millisecond)
	}
	p.stop()
	return nil, "", fmt.Errorf("nginx did not answer on %s within 15 s", base)
}

// nginxVersion returns nginx's version string, such as "1.22.1".
func nginxVersion() string {
	out, err := exec.Command("nginx", "-v").CombinedOutput()
	if err != nil {
		return "(version unknown)"
	}
	s := strings.TrimSpace(string(out))
	if i := strings.Index(s, "nginx/"); i >= 0 {
		return s[i+len("nginx/"):]
	}
	return s
}
