#include "cli/key_file.h"

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "common/error.h"

namespace fanzha::cli {

std::string default_key_path(const std::string& db_path) { return db_path + ".key"; }

std::unique_ptr<PiiCipher> load_or_create_key_file(const std::string& path, Random& random) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd >= 0) {
    const std::string text = PiiCipher::new_key_file_text(random);
    const bool written =
        ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) &&
        ::fsync(fd) == 0;
    ::close(fd);
    if (!written) {
      ::unlink(path.c_str());
      throw Error(ErrorCode::kInternal, "无法写入密钥文件 " + path);
    }
    spdlog::warn("created a new PII key file {} (mode 0600): back it up apart from the database",
                 path);
  } else if (errno != EEXIST) {
    throw Error(ErrorCode::kInternal, "无法创建密钥文件 " + path + ": " + std::strerror(errno));
  }
  struct stat info {};
  if (::stat(path.c_str(), &info) == 0 && (info.st_mode & 0077) != 0) {
    spdlog::warn("key file {} can be read by other users; run: chmod 600 {}", path, path);
  }
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  try {
    return PiiCipher::from_key_file_text(text.str());
  } catch (const std::exception& e) {
    throw Error(ErrorCode::kInternal, "密钥文件 " + path + " 无效: " + e.what());
  }
}

}  // namespace fanzha::cli
