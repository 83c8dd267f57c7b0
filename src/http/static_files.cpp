#include "http/static_files.h"

#include <sodium.h>
#include <spdlog/spdlog.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace fanzha::http {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kIndexPath = "/index.html";
// The app loads only its own scripts and styles; Element Plus sets inline styles.
constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
    "object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

std::string etag_of(const std::string& content) {
  unsigned char digest[16];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(content.data()),
                     content.size(), nullptr, 0);
  char hex[sizeof digest * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return "\"" + std::string(hex) + "\"";
}

}  // namespace

std::string content_type_for(const std::string& path) {
  static const std::unordered_map<std::string, std::string> kTypes = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".gif", "image/gif"},
      {".ico", "image/x-icon"},
      {".webp", "image/webp"},
      {".woff", "font/woff"},
      {".woff2", "font/woff2"},
      {".ttf", "font/ttf"},
      {".txt", "text/plain; charset=utf-8"},
      {".map", "application/json; charset=utf-8"},
      {".webmanifest", "application/manifest+json"},
  };
  const auto it = kTypes.find(fs::path(path).extension().string());
  return it == kTypes.end() ? "application/octet-stream" : it->second;
}

StaticFiles::StaticFiles(const std::string& root) {
  std::error_code ec;
  if (!fs::is_directory(root, ec)) {
    spdlog::warn("web app directory {} not found; build it with `make build`", root);
    return;
  }
  for (const auto& entry : fs::recursive_directory_iterator(root, ec)) {
    if (!entry.is_regular_file()) {
      continue;
    }
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    const std::string url = "/" + fs::relative(entry.path(), root).generic_string();
    File file;
    file.content = std::make_shared<const std::string>(content.str());
    file.content_type = content_type_for(url);
    file.etag = etag_of(*file.content);
    file.immutable = url.starts_with("/assets/");
    files_.emplace(url, std::move(file));
  }
  spdlog::info("serving {} web files from {}", files_.size(), root);
}

Response StaticFiles::respond(const File& file, const Request& request) const {
  Response r;
  r.content_type = file.content_type;
  r.headers.emplace_back("ETag", file.etag);
  r.headers.emplace_back("Cache-Control",
                         file.immutable ? "public, max-age=31536000, immutable" : "no-cache");
  if (file.content_type.starts_with("text/html")) {
    r.headers.emplace_back("Content-Security-Policy", std::string(kContentSecurityPolicy));
  }
  if (request.header("if-none-match") == file.etag) {
    r.status = 304;
    return r;
  }
  r.shared_body = file.content;
  return r;
}

Response StaticFiles::serve(const Request& request) const {
  std::string path = percent_decode(request.path, false);
  if (path == "/") {
    path = kIndexPath;
  }
  if (path.find("..") == std::string::npos) {
    if (auto it = files_.find(path); it != files_.end()) {
      return respond(it->second, request);
    }
  }
  // Paths of the app's own pages (no extension) get the app.
  const bool page = fs::path(path).extension().empty();
  if (page) {
    if (auto index = files_.find(std::string(kIndexPath)); index != files_.end()) {
      return respond(index->second, request);
    }
    throw Error(ErrorCode::kNotFound, "网页尚未构建：请先运行 make build");
  }
  throw Error(ErrorCode::kNotFound, "文件不存在");
}

}  // namespace fanzha::http
