//go:build !linux

package lint

// watchPeak does not measure memory outside Linux; it reports 0.
func watchPeak(int) func() int64 { return func() int64 { return 0 } }
