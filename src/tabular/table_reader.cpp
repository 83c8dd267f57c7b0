#include "tabular/table_reader.h"

#include <fstream>

#include "common/error.h"
#include "tabular/csv_table.h"
#include "tabular/xlsx_table.h"

namespace fanzha::tabular {

namespace {

constexpr std::string_view kZipMagic("PK\x03\x04", 4);

}  // namespace

std::unique_ptr<TableReader> open_table(const std::string& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) {
    throw Error(ErrorCode::kInternal, "cannot open an uploaded table");
  }
  const std::streamoff size = in.tellg();
  in.seekg(0);
  char magic[4] = {};
  in.read(magic, sizeof magic);
  if (in.gcount() == sizeof magic && std::string_view(magic, sizeof magic) == kZipMagic) {
    return open_xlsx_table(path);
  }
  if (size <= 0) {
    throw Error(ErrorCode::kImportRejected, "文件是空的").with_details({{0, "", "文件是空的"}});
  }
  // One allocation of the file's size: a CSV of a million rows is read into memory once.
  std::string bytes(static_cast<size_t>(size), '\0');
  in.clear();
  in.seekg(0);
  in.read(bytes.data(), size);
  if (in.gcount() != size) {
    throw Error(ErrorCode::kInternal, "cannot read an uploaded table");
  }
  return open_csv_table(std::move(bytes));
}

}  // namespace fanzha::tabular
