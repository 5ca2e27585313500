import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  output: "standalone",
  poweredByHeader: false,
  // nginx, always in front, compresses pages and RSC payloads (gzip_types in nginx.conf.template):
  // the Next server's one JavaScript thread renders instead of gzipping every answer.
  compress: false,
  reactStrictMode: true,
  images: { unoptimized: true },
  // Every visitor gets generateMetadata's tags in <head>, rendered before the page (as bots do),
  // instead of streamed into <body> whenever they resolve after the shell: the document is the same
  // whatever the load, and link previews always find the title.
  htmlLimitedBots: /.*/,
  experimental: {
    serverActions: { bodySizeLimit: "12mb" },
  },
};

export default nextConfig;
