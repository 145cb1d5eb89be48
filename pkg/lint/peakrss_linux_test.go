package lint

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"sync"
	"time"
)

// watchPeak samples the peak resident memory (VmHWM, in KiB) of process pid
// until the returned function is called, which returns the largest value
// seen. rusage's ru_maxrss is no use here: a child started with vfork
// inherits the high-water mark of the (large) test process.
func watchPeak(pid int) func() int64 {
	var (
		mu   sync.Mutex
		peak int64
		done = make(chan struct{})
		wg   sync.WaitGroup
	)
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(2 * time.Millisecond)
		defer tick.Stop()
		for {
			if kib, ok := vmHWM(pid); ok {
				mu.Lock()
				peak = max(peak, kib)
				mu.Unlock()
			}
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	}()
	return func() int64 {
		close(done)
		wg.Wait()
		return peak
	}
}

func vmHWM(pid int) (int64, bool) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			var kib int64
			_, err := fmt.Sscanf(strings.TrimSpace(v), "%d kB", &kib)
			return kib, err == nil
		}
	}
	return 0, false
}
