package securemode_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"ramendest/server/securemode"
)

// The known vector from Ramen's documentation.
func ExampleAuthHash() {
	fmt.Println(securemode.AuthHash("ryan@ramen.is", "42", "Ryan Angilly", 1234567890, "oihs9uhasdg8934y8"))
	// Output: 09cc0a69233f1bf41e68ed00b9256fde5a4542e9fdba635fe2a9a4edf9ee1ba1
}

func ExampleSign() {
	user := securemode.User{ID: "42", Email: "ryan@ramen.is", Name: "Ryan Angilly"}
	opts, err := securemode.Sign(user, "oihs9uhasdg8934y8", time.Unix(1234567890, 0))
	if err != nil {
		panic(err)
	}
	fmt.Println(opts.Timestamp, opts.AuthHash)
	// Output: 1234567890 09cc0a69233f1bf41e68ed00b9256fde5a4542e9fdba635fe2a9a4edf9ee1ba1
}

func TestSignDefaults(t *testing.T) {
	now := time.Unix(1234567890, 0)
	cases := []struct {
		name string
		user securemode.User
		want string
	}{
		{"name falls back to email", securemode.User{ID: "42", Email: "a@b.co"},
			securemode.AuthHash("a@b.co", "42", "a@b.co", 1234567890, "s")},
		{"no email no name", securemode.User{ID: "42"},
			securemode.AuthHash("", "42", "", 1234567890, "s")},
	}
	for _, c := range cases {
		got, err := securemode.Sign(c.user, "s", now)
		if err != nil || got.AuthHash != c.want {
			t.Errorf("%s: Sign = %+v, %v; want hash %s", c.name, got, err, c.want)
		}
	}
}

func TestSignRefuses(t *testing.T) {
	if _, err := securemode.Sign(securemode.User{ID: "1"}, "", time.Now()); !errors.Is(err, securemode.ErrNoSecret) {
		t.Errorf("empty secret: err = %v", err)
	}
	if _, err := securemode.Sign(securemode.User{}, "s", time.Now()); !errors.Is(err, securemode.ErrNoUserID) {
		t.Errorf("empty id: err = %v", err)
	}
}
