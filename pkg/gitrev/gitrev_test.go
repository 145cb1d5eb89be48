package gitrev

import (
	"reflect"
	"testing"
)

func TestParseDiff(t *testing.T) {
	diff := `diff --git a/main.tf b/main.tf
index 1..2 100644
--- a/main.tf
+++ b/main.tf
@@ -3 +3 @@ resource "a" "b" {
-  x = 1
+  x = 2
@@ -10,0 +11,4 @@ resource
+a
+b
+c
+d
@@ -20,2 +24,0 @@
-gone
-gone
diff --git a/old.tf b/old.tf
deleted file mode 100644
--- a/old.tf
+++ /dev/null
@@ -1,3 +0,0 @@
-x
`
	got, err := parseDiff([]byte(diff))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]Lines{"main.tf": {{3, 3}, {11, 14}}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	l := got["main.tf"]
	for _, c := range []struct {
		start, end int
		want       bool
	}{{1, 2, false}, {1, 3, true}, {12, 12, true}, {15, 30, false}, {14, 0, true}} {
		if l.Overlaps(c.start, c.end) != c.want {
			t.Errorf("Overlaps(%d, %d) = %v", c.start, c.end, !c.want)
		}
	}
}
