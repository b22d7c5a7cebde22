package app

import (
	"strings"
	"time"

	"ramendest/server/config"
	"ramendest/server/securemode"
)

// The demo page's identify box sends this user; with secure mode on, the
// page renders options signed for exactly these fields, as a customer's
// server template would (README's html/template recipe).
const (
	demoUserID    = "314159"
	demoUserEmail = "ryan@charturl.com"
	demoUserName  = "Ryan Angilly"
)

// demoSecureMode returns the secure-mode options for the demo user, signed
// now with the source's development secret (nil when the stand-in service is
// off or the source has no secret), and the debugger page's path (empty when
// the stand-in service is off).
func demoSecureMode(cfg *config.Config, src *config.Source) (*securemode.Options, string) {
	if !cfg.Standin.Enabled {
		return nil, ""
	}
	debugURL := strings.Replace(PathDebug, ":writeKey", src.WriteKey, 1)
	secret := src.Ramen.SecureModeSecret
	if !secret.IsSet() {
		return nil, debugURL
	}
	user := securemode.User{ID: demoUserID, Email: demoUserEmail, Name: demoUserName}
	opts, err := securemode.Sign(user, secret.Reveal(), time.Now())
	if err != nil {
		return nil, debugURL // unreachable: the id and the secret are set
	}
	return &opts, debugURL
}
