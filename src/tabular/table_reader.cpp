#include "tabular/table_reader.h"

#include <fstream>
#include <sstream>

#include "common/error.h"
#include "tabular/csv_table.h"
#include "tabular/xlsx_table.h"

namespace fanzha::tabular {

std::unique_ptr<TableReader> open_table(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw Error(ErrorCode::kInternal, "cannot open an uploaded table");
  }
  char magic[4] = {};
  in.read(magic, sizeof magic);
  if (in.gcount() == 4 && std::string_view(magic, 4) == std::string_view("PK\x03\x04", 4)) {
    return open_xlsx_table(path);
  }
  in.clear();
  in.seekg(0);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  std::string text = bytes.str();
  if (text.empty()) {
    throw Error(ErrorCode::kImportRejected, "文件是空的").with_details({{0, "", "文件是空的"}});
  }
  return open_csv_table(std::move(text));
}

}  // namespace fanzha::tabular
