//go:build !linux

package lint

import "os"

// maxRSS is not measured outside Linux (units and availability differ).
func maxRSS(*os.ProcessState) int64 { return 0 }
