// /docs: search as you type, and "try it" — a request signed in the browser, sent to this server.
// No dependencies and no network but the request the reader sends.
"use strict";

// MD5 (RFC 1321) of the UTF-8 bytes of `text`, as lower-case hex. WebCrypto has no MD5, and the PandaPon
// signature is UPPER(HEX(MD5(accessKey + timestamp + nonceStr + accessSecret))).
function md5Hex(text) {
  const bytes = new TextEncoder().encode(text);
  const n = bytes.length;
  const words = new Uint32Array(((n + 8) >>> 6) * 16 + 16); // whole 64-byte blocks, room for 0x80 and the length
  for (let i = 0; i < n; i++) words[i >> 2] |= bytes[i] << ((i % 4) * 8);
  words[n >> 2] |= 0x80 << ((n % 4) * 8);
  words[words.length - 2] = (n * 8) >>> 0; // the length in bits, 64-bit little-endian
  words[words.length - 1] = Math.floor(n / 0x20000000);
  const shifts = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];
  const table = Array.from({ length: 64 }, (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32) >>> 0);
  let a = 0x67452301, b = 0xefcdab89, c = 0x98badcfe, d = 0x10325476;
  for (let block = 0; block < words.length; block += 16) {
    let [A, B, C, D] = [a, b, c, d];
    for (let i = 0; i < 64; i++) {
      let f, g;
      if (i < 16) { f = (B & C) | (~B & D); g = i; }
      else if (i < 32) { f = (D & B) | (~D & C); g = (5 * i + 1) % 16; }
      else if (i < 48) { f = B ^ C ^ D; g = (3 * i + 5) % 16; }
      else { f = C ^ (B | ~D); g = (7 * i) % 16; }
      const s = shifts[(i >> 4) * 4 + (i % 4)];
      const x = (A + f + table[i] + words[block + g]) | 0;
      [A, D, C] = [D, C, B];
      B = (B + ((x << s) | (x >>> (32 - s)))) | 0;
    }
    a = (a + A) | 0; b = (b + B) | 0; c = (c + C) | 0; d = (d + D) | 0;
  }
  const hex = (v) => Array.from({ length: 4 }, (_, i) => ((v >>> (8 * i)) & 0xff).toString(16).padStart(2, "0"));
  return [a, b, c, d].map((v) => hex(v).join("")).join("");
}

function sign(accessKey, timestamp, nonce, secret) {
  return md5Hex(accessKey + timestamp + nonce + secret).toUpperCase();
}

function newNonce() {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  const random = crypto.getRandomValues(new Uint8Array(32));
  return Array.from(random, (r) => alphabet[r % alphabet.length]).join("");
}

// --- search: hide the endpoints (and whole sections) whose method, path, summary and tag do not all match ---
function applySearch(query) {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const matches = (el) => words.every((w) => el.dataset.search.toLowerCase().includes(w));
  let shown = 0;
  document.querySelectorAll("[data-search]").forEach((el) => {
    const hit = matches(el);
    el.hidden = !hit;
    if (hit && el.tagName === "ARTICLE") shown++;
  });
  document.querySelectorAll("section.tag-section, nav .group").forEach((group) => {
    group.hidden = words.length > 0 && !group.querySelector("[data-search]:not([hidden])");
  });
  const filtering = words.length > 0;
  ["signing", "codes", "schemas"].forEach((id) => { document.getElementById(id).hidden = filtering; });
  document.getElementById("no-match").hidden = !filtering || shown > 0;
}

// --- try it ---
const credentials = document.getElementById("credentials");
for (const input of credentials.elements) { // this tab only: sessionStorage ends with the tab
  input.value = sessionStorage.getItem("kuajing." + input.name) || "";
  input.addEventListener("input", () => sessionStorage.setItem("kuajing." + input.name, input.value));
}

function queryString(text) {
  const values = text.trim() ? JSON.parse(text) : {};
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value === null || value === undefined) continue;
    params.append(key, typeof value === "string" ? value : JSON.stringify(value)); // lists and objects as JSON
  }
  const encoded = params.toString();
  return encoded ? "?" + encoded : "";
}

async function send(form) {
  const out = form.querySelector(".out");
  let path = form.dataset.path;
  form.querySelectorAll("[data-path-param]").forEach((input) => {
    path = path.replace("{" + input.name + "}", encodeURIComponent(input.value));
  });
  const init = { method: form.dataset.method, headers: { Accept: "application/json" } };
  try {
    if (form.elements.query) path += queryString(form.elements.query.value);
    if (form.elements.body) {
      init.body = JSON.stringify(JSON.parse(form.elements.body.value || "{}"));
      init.headers["Content-Type"] = "application/json";
    }
  } catch (error) {
    out.textContent = "Not valid JSON: " + error.message;
    return;
  }
  if (form.dataset.signed) {
    const { accessKey, accessSecret, userId } = credentials.elements;
    const timestamp = String(Date.now());
    const nonce = newNonce();
    Object.assign(init.headers, {
      "access-key": accessKey.value.trim(), timestamp, "nonce-str": nonce, "user-id": userId.value.trim(),
      signature: sign(accessKey.value.trim(), timestamp, nonce, accessSecret.value.trim()),
    });
  }
  out.textContent = init.method + " " + path + " …";
  const response = await fetch(path, init);
  const type = response.headers.get("content-type") || "";
  let shown;
  if (type.includes("json")) shown = JSON.stringify(await response.json(), null, 2);
  else if (type.startsWith("text/")) shown = await response.text();
  else shown = "(" + (await response.blob()).size + " bytes)";
  out.textContent = "HTTP " + response.status + " · " + type + "\n" + shown;
}

document.querySelectorAll("form.try-form").forEach((form) => {
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    send(form).catch((error) => { form.querySelector(".out").textContent = "Request failed: " + error; });
  });
});

const search = document.getElementById("search");
search.addEventListener("input", () => applySearch(search.value));
document.addEventListener("keydown", (event) => {
  if (event.key === "/" && document.activeElement.tagName !== "INPUT" && document.activeElement.tagName !== "TEXTAREA") {
    event.preventDefault();
    search.focus();
  }
});
