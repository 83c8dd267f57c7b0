#include "api/downloads.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace fanzha::api {

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw Error(ErrorCode::kNotFound, "文件不存在");
  }
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// RFC 5987 encoding of a UTF-8 file name.
std::string encode_filename(const std::string& name) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : name) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
        c == '-' || c == '_') {
      out.push_back(static_cast<char>(c));
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
  return out;
}

}  // namespace

http::Response file_response(const std::string& path, std::string_view content_type,
                             const std::string& download_name, bool remove) {
  http::Response r;
  r.content_type = std::string(content_type);
  r.body = read_file(path);
  if (remove) {
    std::error_code ec;
    std::filesystem::remove(path, ec);
  }
  r.headers.emplace_back("Content-Disposition", content_disposition(download_name, "export.xlsx"));
  return r;
}

std::string content_disposition(const std::string& download_name, const std::string& fallback) {
  return "attachment; filename=\"" + fallback + "\"; filename*=UTF-8''" +
         encode_filename(download_name);
}

http::Response image_response(const std::string& path, std::string_view content_type) {
  http::Response r;
  r.content_type = std::string(content_type);
  r.body = read_file(path);
  r.headers.emplace_back("Cache-Control", "private, max-age=3600");
  return r;
}

}  // namespace fanzha::api
