package rules

import (
	"context"
	"errors"
	"runtime"
	"runtime/metrics"
	"time"
)

// errHeapLimit is the cause of a cancellation by the heap watchdog.
var errHeapLimit = errors.New("heap limit")

// heapCheckEvery is how often the watchdog samples the heap. Reading the
// metric takes microseconds; between two samples a policy can allocate only
// what its builtin calls may build (see bounded.go).
const heapCheckEvery = 5 * time.Millisecond

// watchHeap returns a context that is cancelled with errHeapLimit once the
// heap holds more than limit bytes over what it held at the call, garbage
// excluded, and a function that stops watching. The heap is the process's:
// concurrent evaluations count against each other, which the limit's size
// allows for.
func watchHeap(ctx context.Context, limit int64) (context.Context, context.CancelFunc) {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	heap := func() int64 {
		metrics.Read(sample)
		return int64(sample[0].Value.Uint64())
	}
	base := heap()
	limit = max(limit, 2*base) // a large model needs room in proportion
	ctx, cancel := context.WithCancelCause(ctx)
	done := make(chan struct{})
	go func() {
		tick := time.NewTicker(heapCheckEvery)
		defer tick.Stop()
		threshold := base + limit
		for {
			select {
			case <-done:
				return
			case <-ctx.Done():
				return
			case <-tick.C:
			}
			if heap() <= threshold {
				continue
			}
			// Over the line counting garbage: collect, then judge what lives.
			runtime.GC()
			live := heap()
			if live-base > limit {
				cancel(errHeapLimit)
				return
			}
			// Collect again after as much growth, but never let garbage and
			// live values together pass base + 1.25 × limit: under an
			// address-space limit Go dies at about twice the line, and a
			// loaded machine samples late.
			threshold = min(live+limit, base+limit+limit/4)
		}
	}()
	return ctx, func() {
		close(done)
		cancel(nil)
	}
}
