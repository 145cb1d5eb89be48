// Command parsefloor is the floor lattice-lint's speed is measured against
// (docs/performance.md): it only finds the Terraform files under the paths
// given, reads them and HCL-parses them on all cores, and keeps every AST
// until the end, as any linter that reads HCL must. Nothing is evaluated or
// checked. It is a measuring tool, not part of the product.
//
//	parsefloor PATH...
package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	hcljson "github.com/hashicorp/hcl/v2/json"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: parsefloor PATH...")
		os.Exit(2)
	}
	files, err := find(os.Args[1:])
	if err != nil {
		fmt.Fprintln(os.Stderr, "parsefloor:", err)
		os.Exit(2)
	}
	asts, bytes, errs := parseAll(files)
	blocks := 0
	for _, f := range asts {
		if b, ok := f.Body.(*hclsyntax.Body); ok {
			blocks += len(b.Blocks)
		}
	}
	fmt.Printf("%d files, %d bytes, %d top-level blocks, %d errors\n", len(files), bytes, blocks, errs)
	runtime.KeepAlive(asts)
	if errs > 0 {
		os.Exit(1)
	}
}

// find lists the .tf and .tf.json files under paths, skipping the folders
// lattice-lint's discovery skips (hidden ones, .terraform, vendor...).
func find(paths []string) ([]string, error) {
	var out []string
	for _, root := range paths {
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			name := d.Name()
			if d.IsDir() {
				if p != root && (strings.HasPrefix(name, ".") || name == "node_modules" || name == "vendor") {
					return fs.SkipDir
				}
				return nil
			}
			if strings.HasSuffix(name, ".tf") || strings.HasSuffix(name, ".tf.json") {
				out = append(out, p)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// parseAll reads and parses files on GOMAXPROCS workers and returns every
// AST, the bytes read and how many files failed.
func parseAll(files []string) ([]*hcl.File, int64, int) {
	asts := make([]*hcl.File, len(files))
	var (
		mu    sync.Mutex
		bytes int64
		errs  int
		wg    sync.WaitGroup
	)
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				src, err := os.ReadFile(files[i])
				var diags hcl.Diagnostics
				if err == nil {
					if strings.HasSuffix(files[i], ".json") {
						asts[i], diags = hcljson.Parse(src, files[i])
					} else {
						asts[i], diags = hclsyntax.ParseConfig(src, files[i], hcl.InitialPos)
					}
				}
				mu.Lock()
				bytes += int64(len(src))
				if err != nil || diags.HasErrors() {
					errs++
				}
				mu.Unlock()
			}
		}()
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()
	return asts, bytes, errs
}
