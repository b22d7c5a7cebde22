// Where the snippet front door keeps the translator's remembered user and group between
// page loads: localStorage, or a cookie where localStorage throws (disabled storage,
// some private modes). Written only when the translator says the state changed, because
// storage writes (cookies above all) are the expensive part of a call.

const KEY = 'ramen_destination_state';
const COOKIE_MAX_AGE = 365 * 24 * 60 * 60;

// readState returns the stored state object, or null.
export function readState(win) {
  let text = null;
  try {
    text = win.localStorage.getItem(KEY);
  } catch (e) {
    // fall through to the cookie
  }
  if (text === null) text = readCookie(win);
  if (!text) return null;
  try {
    const state = JSON.parse(text);
    return state && typeof state === 'object' ? state : null;
  } catch (e) {
    return null;
  }
}

// writeState stores state, or forgets it when state is null.
export function writeState(win, state) {
  let text = null;
  try {
    text = state === null ? null : JSON.stringify(state);
  } catch (e) {
    return;
  }
  try {
    if (text === null) win.localStorage.removeItem(KEY);
    else win.localStorage.setItem(KEY, text);
    if (readCookie(win) !== null) writeCookie(win, null); // an old fallback copy must not win later
    return;
  } catch (e) {
    // localStorage refused: use the cookie
  }
  writeCookie(win, text);
}

function readCookie(win) {
  try {
    for (const part of String(win.document.cookie).split(';')) {
      const eq = part.indexOf('=');
      if (eq > 0 && part.slice(0, eq).trim() === KEY) {
        return decodeURIComponent(part.slice(eq + 1).trim());
      }
    }
  } catch (e) {
    // no cookies
  }
  return null;
}

function writeCookie(win, text) {
  try {
    const value = text === null ? '' : encodeURIComponent(text);
    const maxAge = text === null ? 0 : COOKIE_MAX_AGE;
    win.document.cookie = KEY + '=' + value + '; path=/; max-age=' + maxAge + '; SameSite=Lax';
  } catch (e) {
    // cookies disabled too: state lives only as long as the page
  }
}
