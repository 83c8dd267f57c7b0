// Runs the API cases in tests/api/cases/*.case against the real server, one fresh demo
// county per file. The format reads like an HTTP session:
//
//   # a comment
//   as village01                      sign in as a demo account ("as anonymous": no session;
//                                     "as NAME PASSWORD" for accounts a case made itself)
//   GET /api/org/units/{unit:349901}  a request; then optional "Name: value" header lines,
//   {"name": "x"}                     then body lines (sent as application/json)
//   => 404 {"error":{"code":"not_found"}}   the status and a JSON subset of the body
//   save new_id /unit/id              keep a value of the last body as {var:new_id}
//   poll GET /api/imports/{var:job} until /job/status succeeded rejected
//                                     repeat a GET (up to 30 s) until the value at the
//                                     pointer is one of the words; the answer becomes the
//                                     last response
//
// Writing "nocsrf" after the target sends a write without the CSRF token.
// Placeholders: {unit:CODE} the id of a unit, {user:NAME} the id of a user,
// {password:NAME} a demo password, {var:NAME} a saved value.
// Subset matching: objects match when every expected key matches; arrays match
// element by element and must have the same length unless the last expected element is
// "..."; the string "*" matches any value that is present.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <thread>

#include "support/demo_server.h"

namespace fanzha::testing {
namespace {

namespace fs = std::filesystem;

struct Step {
  int line = 0;
  std::string kind;  // "as", "request", "save", "poll"
  std::string arg;   // user name, or save name
  std::string method, target, body, pointer;
  std::vector<std::string> accepted;  // poll: the values that end it
  Headers headers;
  bool csrf = true;
  int expect_status = 0;
  std::string expect_json;
};

bool is_method(const std::string& word) {
  return word == "GET" || word == "POST" || word == "PATCH" || word == "PUT" || word == "DELETE" ||
         word == "HEAD";
}

std::vector<Step> parse_case(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    lines.push_back(line);
  }
  std::vector<Step> steps;
  size_t i = 0;
  auto blank_or_comment = [](const std::string& l) {
    return l.find_first_not_of(" \t") == std::string::npos || l.starts_with("#");
  };
  while (i < lines.size()) {
    const std::string& line = lines[i];
    if (blank_or_comment(line)) {
      ++i;
      continue;
    }
    std::istringstream words(line);
    std::string first;
    words >> first;
    Step step;
    step.line = static_cast<int>(i + 1);
    if (first == "as") {
      step.kind = "as";
      words >> step.arg >> step.body;  // the body holds an optional password
      steps.push_back(step);
      ++i;
      continue;
    }
    if (first == "poll") {
      step.kind = "poll";
      std::string until;
      words >> step.method >> step.target >> until >> step.pointer;
      for (std::string word; words >> word;) {
        step.accepted.push_back(word);
      }
      if (until != "until" || step.accepted.empty()) {
        throw std::runtime_error(path + ":" + std::to_string(i + 1) +
                                 ": poll METHOD TARGET until POINTER VALUES…");
      }
      steps.push_back(step);
      ++i;
      continue;
    }
    if (first == "save") {
      step.kind = "save";
      words >> step.arg >> step.pointer;
      steps.push_back(step);
      ++i;
      continue;
    }
    if (!is_method(first)) {
      throw std::runtime_error(path + ":" + std::to_string(i + 1) + ": cannot read '" + line + "'");
    }
    step.kind = "request";
    step.method = first;
    words >> step.target;
    std::string flag;
    while (words >> flag) {
      step.csrf = step.csrf && flag != "nocsrf";
    }
    ++i;
    static const std::regex kHeader(R"(^([A-Za-z][A-Za-z0-9-]*): (.*)$)");
    std::smatch m;
    while (i < lines.size() && std::regex_match(lines[i], m, kHeader)) {
      step.headers.emplace_back(m[1], m[2]);
      ++i;
    }
    std::string body;
    while (i < lines.size() && !lines[i].starts_with("=>")) {
      body += (body.empty() ? "" : "\n") + lines[i];
      ++i;
    }
    step.body = body;
    if (i >= lines.size()) {
      throw std::runtime_error(path + ":" + std::to_string(step.line) + ": request without =>");
    }
    std::istringstream expect(lines[i].substr(2));
    expect >> step.expect_status;
    std::getline(expect, step.expect_json);
    ++i;
    while (i < lines.size() && !blank_or_comment(lines[i]) &&
           (lines[i].starts_with(" ") || lines[i].starts_with("}") || lines[i].starts_with("]"))) {
      step.expect_json += "\n" + lines[i];
      ++i;
    }
    steps.push_back(step);
  }
  return steps;
}

// Where `actual` differs from the `expected` subset ("" when it matches).
std::string subset_mismatch(const nlohmann::json& expected, const nlohmann::json& actual,
                            const std::string& at) {
  if (expected.is_string() && expected == "*") {
    return actual.is_null() ? at + ": expected a value, got null" : "";
  }
  if (expected.is_object()) {
    if (!actual.is_object()) {
      return at + ": expected an object, got " + actual.dump();
    }
    for (const auto& [key, value] : expected.items()) {
      if (!actual.contains(key)) {
        return at + "/" + key + ": missing";
      }
      if (auto m = subset_mismatch(value, actual[key], at + "/" + key); !m.empty()) {
        return m;
      }
    }
    return "";
  }
  if (expected.is_array()) {
    if (!actual.is_array()) {
      return at + ": expected an array, got " + actual.dump();
    }
    const bool prefix = !expected.empty() && expected.back() == "...";
    const size_t count = prefix ? expected.size() - 1 : expected.size();
    if (prefix ? actual.size() < count : actual.size() != count) {
      return at + ": expected " + std::to_string(count) + (prefix ? "+" : "") + " elements, got " +
             std::to_string(actual.size());
    }
    for (size_t i = 0; i < count; ++i) {
      if (auto m = subset_mismatch(expected[i], actual[i], at + "/" + std::to_string(i));
          !m.empty()) {
        return m;
      }
    }
    return "";
  }
  return expected == actual ? "" : at + ": expected " + expected.dump() + ", got " + actual.dump();
}

class CaseRunner {
 public:
  explicit CaseRunner(const std::string& file) : file_(file) {}

  void run() {
    for (const Step& step : parse_case(file_)) {
      SCOPED_TRACE(file_ + ":" + std::to_string(step.line));
      if (step.kind == "as") {
        current_ = step.arg;
        if (current_ != "anonymous" && !clients_.count(current_)) {
          if (step.body.empty()) {
            clients_.emplace(current_, server_.client_as(current_));
          } else {
            ApiClient client(server_.port());
            const auto r = client.login(current_, step.body);
            ASSERT_EQ(r.status, 200) << "login as " << current_ << ": " << r.body;
            clients_.emplace(current_, client);
          }
        }
      } else if (step.kind == "poll") {
        run_poll(step);
      } else if (step.kind == "save") {
        vars_[step.arg] = last_.json().at(nlohmann::json::json_pointer(step.pointer));
      } else {
        run_request(step);
      }
      if (::testing::Test::HasFatalFailure()) {
        return;
      }
    }
  }

 private:
  std::string expand(const std::string& text) {
    static const std::regex kPlaceholder(R"(\{(unit|user|password|var):([^}\s]+)\})");
    std::string out;
    auto begin = std::sregex_iterator(text.begin(), text.end(), kPlaceholder);
    size_t last = 0;
    for (auto it = begin; it != std::sregex_iterator(); ++it) {
      const auto& m = *it;
      out += text.substr(last, static_cast<size_t>(m.position()) - last);
      const std::string kind = m[1], name = m[2];
      if (kind == "unit") {
        out += std::to_string(server_.unit_id(name));
      } else if (kind == "user") {
        out += std::to_string(server_.user_id(name));
      } else if (kind == "password") {
        out += server_.password(name);
      } else {
        const auto& value = vars_.at(name);
        out += value.is_string() ? value.get<std::string>() : value.dump();
      }
      last = static_cast<size_t>(m.position() + m.length());
    }
    return out + text.substr(last);
  }

  HttpResponse send(const std::string& method, const std::string& target, const std::string& body,
                    const Headers& headers, bool csrf) {
    if (current_.empty() || current_ == "anonymous") {
      ApiClient anonymous(server_.port());
      return anonymous.request(method, target, body, headers, csrf);
    }
    return clients_.at(current_).request(method, target, body, headers, csrf);
  }

  void run_poll(const Step& step) {
    const std::string target = expand(step.target);
    for (int attempt = 0; attempt < 300; ++attempt) {
      last_ = send(step.method, target, "", {}, true);
      const auto value =
          last_.json().value(nlohmann::json::json_pointer(step.pointer), nlohmann::json());
      const std::string text = value.is_string() ? value.get<std::string>() : value.dump();
      if (std::find(step.accepted.begin(), step.accepted.end(), text) != step.accepted.end()) {
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    FAIL() << "poll " << target << ": " << step.pointer
           << " never became one of the expected values; last: " << last_.body;
  }

  void run_request(const Step& step) {
    const std::string target = expand(step.target);
    const std::string body = expand(step.body);
    Headers headers;
    for (const auto& [name, value] : step.headers) {
      headers.emplace_back(name, expand(value));
    }
    last_ = send(step.method, target, body, headers, step.csrf);
    const std::string request = step.method + " " + target + (body.empty() ? "" : "\n" + body);
    ASSERT_EQ(last_.status, step.expect_status) << request << "\n=> " << last_.body;
    const std::string expected_text = expand(step.expect_json);
    if (expected_text.find_first_not_of(" \t\n") == std::string::npos) {
      return;
    }
    const auto expected = nlohmann::json::parse(expected_text, nullptr, false);
    ASSERT_FALSE(expected.is_discarded()) << "bad expected JSON: " << expected_text;
    const std::string diff = subset_mismatch(expected, last_.json(), "");
    ASSERT_TRUE(diff.empty()) << request << "\n=> " << last_.body << "\nmismatch at " << diff;
  }

  std::string file_;
  DemoServer server_;
  std::map<std::string, ApiClient> clients_;
  std::string current_;
  HttpResponse last_;
  std::map<std::string, nlohmann::json> vars_;
};

std::vector<std::string> case_files() {
  std::vector<std::string> files;
  for (const auto& entry : fs::directory_iterator(API_CASES_DIR)) {
    if (entry.path().extension() == ".case") {
      files.push_back(entry.path().string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

class ApiCase : public ::testing::TestWithParam<std::string> {};

TEST_P(ApiCase, Runs) { CaseRunner(GetParam()).run(); }

INSTANTIATE_TEST_SUITE_P(Cases, ApiCase, ::testing::ValuesIn(case_files()),
                         [](const auto& info) { return fs::path(info.param).stem().string(); });

}  // namespace
}  // namespace fanzha::testing
