//go:build unix

package safefile

import "syscall"

// openFlags opens without blocking: a FIFO swapped in after the type check
// would otherwise wait for a writer forever.
const openFlags = syscall.O_NONBLOCK
