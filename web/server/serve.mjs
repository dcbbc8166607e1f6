#!/usr/bin/env node
// The one-origin web server of `./meet up` (node 20, no npm dependency).
//
//   node web/server/serve.mjs --port 8000 [--host 127.0.0.1]... [--dist web/dist]
//        [--config-js FILE] --prosody-http PORT [--bridge-http PORT] [--focus-http PORT]
//        [--https-port N --cert FILE --key FILE] [--log-level debug|info|warn|error]
//
// * static files from --dist; every other GET/HEAD that is not a file (e.g. /<room>) returns
//   index.html (SPA fallback); /config.js comes from --config-js when given;
// * /xmpp-websocket and /http-bind -> Prosody's HTTP port (plain requests proxied, WebSocket
//   upgrades piped raw);
// * /colibri-ws/ (WebSocket upgrade) -> the bridge; /conference-request/ -> the focus HTTP port;
// * one log line per request at debug level; errors at warn.
// SIGINT/SIGTERM close the listeners and every open connection, then exit 0.

import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

const kLevels = { debug: 10, info: 20, warn: 30, error: 40 };
const kMime = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.map': 'application/json', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif',
  '.ico': 'image/x-icon', '.webp': 'image/webp', '.woff': 'font/woff', '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8', '.wasm': 'application/wasm',
};
const kMaxUrl = 4096;
const kMaxBody = 1 << 20;  // proxied request bodies

export function parseArgs(argv) {
  const o = {
    port: 8000, hosts: [], dist: path.resolve(here, '..', 'dist'), configJs: '',
    prosodyHttp: 0, bridgeHttp: 0, focusHttp: 0, httpsPort: 0, cert: '', key: '', logLevel: 'info',
  };
  const num = (name, v) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`${name}: not a port: ${v}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    switch (a) {
      case '--port': o.port = num(a, v()); break;
      case '--host': o.hosts.push(v()); break;
      case '--dist': o.dist = path.resolve(v()); break;
      case '--config-js': o.configJs = path.resolve(v()); break;
      case '--prosody-http': o.prosodyHttp = num(a, v()); break;
      case '--bridge-http': o.bridgeHttp = num(a, v()); break;
      case '--focus-http': o.focusHttp = num(a, v()); break;
      case '--https-port': o.httpsPort = num(a, v()); break;
      case '--cert': o.cert = v(); break;
      case '--key': o.key = v(); break;
      case '--log-level': o.logLevel = v(); break;
      default: throw new Error(`unknown option ${a}`);
    }
  }
  if (!(o.logLevel in kLevels)) throw new Error(`--log-level: one of ${Object.keys(kLevels).join(' ')}`);
  if (o.hosts.length === 0) o.hosts.push('127.0.0.1');
  if (o.httpsPort && (!o.cert || !o.key)) throw new Error('--https-port needs --cert and --key');
  return o;
}

// Which upstream port serves `pathname`, or 0 (static).
export function routeFor(pathname, o) {
  if (pathname === '/xmpp-websocket' || pathname.startsWith('/xmpp-websocket/')) return { name: 'prosody', port: o.prosodyHttp };
  if (pathname === '/http-bind' || pathname.startsWith('/http-bind/')) return { name: 'prosody', port: o.prosodyHttp };
  if (pathname.startsWith('/colibri-ws/')) return { name: 'bridge', port: o.bridgeHttp };
  if (pathname.startsWith('/conference-request/')) return { name: 'focus', port: o.focusHttp };
  return null;
}

// A file under `root` for a URL path, or null when the path escapes root or is malformed.
export function staticPath(root, pathname) {
  let decoded;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const file = path.resolve(root, '.' + path.posix.normalize('/' + decoded));
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  return file;
}

export function startServer(o) {
  const log = (level, text) => {
    if (kLevels[level] >= kLevels[o.logLevel]) {
      process.stdout.write(`${new Date().toISOString()} ${level} ${text}\n`);
    }
  };
  const sockets = new Set();
  const track = (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  };

  function sendText(res, status, text) {
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  }

  function serveFile(req, res, file, status = 200) {
    fs.stat(file, (err, st) => {
      if (err || !st.isFile()) {
        sendText(res, 404, 'not found\n');
        return;
      }
      const ext = path.extname(file).toLowerCase();
      const headers = {
        'content-type': kMime[ext] || 'application/octet-stream',
        'content-length': st.size,
        // Hashed assets never change; the page and config.js always revalidate.
        'cache-control': file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
      };
      res.writeHead(status, headers);
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      const stream = fs.createReadStream(file);
      stream.on('error', () => res.destroy());
      stream.pipe(res);
    });
  }

  function serveStatic(req, res, pathname) {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      sendText(res, 405, 'method not allowed\n');
      return;
    }
    if (pathname === '/config.js' && o.configJs) {
      serveFile(req, res, o.configJs);
      return;
    }
    const file = staticPath(o.dist, pathname);
    if (file === null) {
      sendText(res, 400, 'bad path\n');
      return;
    }
    fs.stat(file, (err, st) => {
      if (!err && st.isFile()) {
        serveFile(req, res, file);
      } else if (pathname.startsWith('/assets/') || path.posix.extname(pathname) !== '') {
        sendText(res, 404, 'not found\n');  // a missing asset is an error, not a room
      } else {
        serveFile(req, res, path.join(o.dist, 'index.html'));  // SPA fallback: /<room>
      }
    });
  }

  function proxyHttp(req, res, route) {
    if (!route.port) {
      sendText(res, 502, `${route.name} is not running\n`);
      return;
    }
    // Request bodies (BOSH, conference requests) are small: they are read whole (bounded) and
    // sent with a content-length, because Prosody does not take chunked request bodies.
    const chunks = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (c) => {
      size += c.length;
      if (size > kMaxBody) tooLarge = true;
      else chunks.push(c);
    });
    req.on('error', () => res.destroy());
    req.on('end', () => {
      if (tooLarge) {
        sendText(res, 413, 'request body too large\n');
        return;
      }
      const body = Buffer.concat(chunks);
      const headers = { ...req.headers, 'x-forwarded-for': req.socket.remoteAddress ?? '' };
      delete headers['transfer-encoding'];
      if (body.length || !['GET', 'HEAD'].includes(req.method)) headers['content-length'] = String(body.length);
      const upstream = http.request({
        host: '127.0.0.1', port: route.port, method: req.method, path: req.url, headers,
      }, (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      });
      upstream.on('error', (err) => {
        log('warn', `${req.method} ${req.url} -> ${route.name}:${route.port}: ${err.message}`);
        if (!res.headersSent) sendText(res, 502, `${route.name} unreachable\n`);
        else res.destroy();
      });
      res.on('close', () => upstream.destroy());
      upstream.end(body);
    });
  }

  function onRequest(req, res) {
    const started = Date.now();
    res.on('finish', () => log('debug', `${req.socket.remoteAddress} ${req.method} ${req.url} ${res.statusCode} ${Date.now() - started}ms`));
    if (!req.url || req.url.length > kMaxUrl || !req.url.startsWith('/')) {
      sendText(res, 400, 'bad request\n');
      return;
    }
    const pathname = req.url.split('?')[0];
    const route = routeFor(pathname, o);
    if (route) proxyHttp(req, res, route);
    else serveStatic(req, res, pathname);
  }

  // WebSocket (or any Upgrade): the request is replayed to the upstream and both sockets are
  // piped raw, so the upstream does the handshake and framing.
  function onUpgrade(req, socket, head) {
    track(socket);
    const pathname = (req.url ?? '').split('?')[0];
    const route = req.url && req.url.length <= kMaxUrl ? routeFor(pathname, o) : null;
    const reject = (status, text) => {
      log('debug', `${socket.remoteAddress} UPGRADE ${req.url} ${status}`);
      socket.end(`HTTP/1.1 ${status} ${text}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
    };
    if (!route || route.name === 'focus') return reject(404, 'Not Found');
    if (!route.port) return reject(502, 'Bad Gateway');
    const upstream = net.connect(route.port, '127.0.0.1');
    track(upstream);
    let connected = false;
    upstream.on('connect', () => {
      connected = true;
      log('debug', `${socket.remoteAddress} UPGRADE ${req.url} -> ${route.name}:${route.port}`);
      let head_text = `${req.method} ${req.url} HTTP/${req.httpVersion}\r\n`;
      for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
        head_text += `${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}\r\n`;
      }
      head_text += `X-Forwarded-For: ${socket.remoteAddress ?? ''}\r\n\r\n`;
      upstream.write(head_text);
      if (head && head.length) upstream.write(head);
      socket.pipe(upstream);
      upstream.pipe(socket);
    });
    upstream.on('error', (err) => {
      log('warn', `UPGRADE ${req.url} -> ${route.name}:${route.port}: ${err.message}`);
      if (!connected) reject(502, 'Bad Gateway');
      else socket.destroy();
    });
    socket.on('error', () => upstream.destroy());
    socket.on('close', () => upstream.destroy());
    upstream.on('close', () => { if (connected) socket.destroy(); });
  }

  const servers = [];
  const listen = (server, port, host) => new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const make = (factory) => {
    const s = factory(onRequest);
    s.on('upgrade', onUpgrade);
    s.on('connection', track);
    s.on('clientError', (_err, socket) => socket.destroy());
    servers.push(s);
    return s;
  };
  const ready = (async () => {
    for (const host of o.hosts) {
      await listen(make((h) => http.createServer(h)), o.port, host);
      log('info', `listening on http://${host.includes(':') ? `[${host}]` : host}:${o.port}/`);
      if (o.httpsPort) {
        const tls = { cert: fs.readFileSync(o.cert), key: fs.readFileSync(o.key) };
        await listen(make((h) => https.createServer(tls, h)), o.httpsPort, host);
        log('info', `listening on https://${host.includes(':') ? `[${host}]` : host}:${o.httpsPort}/`);
      }
    }
  })();
  const close = () => new Promise((resolve) => {
    let left = servers.length;
    if (left === 0) resolve();
    for (const s of servers) s.close(() => { if (--left === 0) resolve(); });
    for (const s of sockets) s.destroy();
  });
  return { ready, close };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`serve.mjs: ${err.message}\n`);
    process.exit(2);
  }
  if (!fs.existsSync(path.join(options.dist, 'index.html'))) {
    process.stderr.write(`serve.mjs: ${options.dist}/index.html missing (npm run build in web/)\n`);
    process.exit(1);
  }
  const server = startServer(options);
  server.ready.catch((err) => {
    process.stderr.write(`serve.mjs: cannot listen: ${err.message}\n`);
    process.exit(1);
  });
  const stop = () => server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
