package app

import (
	"crypto/sha512"
	"encoding/base64"
	"strings"
	"testing"

	"ramendest/server/assets"
)

// fakeBuildIntegrity is what every snippet of the fake build (fakeBuild)
// carries after its other fields.
const fakeBuildIntegrity = `,"bundleIntegrity":"sha384-vcanmGEADFujahZKdjlakNgQMG8yqc7hSCWwuDgIZmKXNAUgENtORIyTgUNbLjh8"` +
	`,"wasmIntegrity":"sha384-okyHV17AgVkZ4iL9gMeELR7Q1ISxRPcAHorFgvPJr/8CqM+btjXngbzNX3HOpqc/"`

func TestIntegrity(t *testing.T) {
	data := []byte("/*bundle*/window.__bundle=1;")
	sum := sha512.Sum384(data)
	want := "sha384-" + base64.StdEncoding.EncodeToString(sum[:])
	f := assets.NewFile("ramen.abcd1234.js", data)
	if got := Integrity(f); got != want {
		t.Errorf("Integrity = %s, want %s", got, want)
	}
	if got := Integrity(f); got != want {
		t.Errorf("cached Integrity = %s, want %s", got, want)
	}
	if Integrity(nil) != "" {
		t.Error("Integrity(nil) is not empty")
	}
	if !strings.Contains(fakeBuildIntegrity, want) {
		t.Errorf("fakeBuildIntegrity does not hold the fake bundle's value %s", want)
	}
}
