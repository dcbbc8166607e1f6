/// <reference types="vitest/config" />
import { defineConfig } from 'vite';

// The app is served from one origin that also proxies /xmpp-websocket, /http-bind and /colibri-ws/
// (./meet up). `npm run dev` can proxy them to a local Prosody/bridge via MEET_PROXY_TARGET.
const target = process.env.MEET_PROXY_TARGET;

export default defineConfig({
  base: '/',
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, target: 'es2022' },
  server: target
    ? {
        proxy: {
          '/xmpp-websocket': { target, ws: true },
          '/http-bind': { target },
          '/colibri-ws': { target, ws: true },
        },
      }
    : {},
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    watch: false,
    reporters: ['default'],
  },
});
