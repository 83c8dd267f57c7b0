#include "common/pii_cipher.h"

#include <sodium.h>

#include <memory>
#include <stdexcept>
#include <vector>

#include "common/text.h"

namespace fanzha {

namespace {

constexpr size_t kLookupHashBytes = 16;

std::string to_hex(const PiiCipher::Key& key) {
  char hex[PiiCipher::kKeyBytes * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, key.data(), key.size());
  return hex;
}

PiiCipher::Key from_hex(std::string_view hex) {
  PiiCipher::Key key{};
  size_t length = 0;
  if (hex.size() != PiiCipher::kKeyBytes * 2 ||
      sodium_hex2bin(key.data(), key.size(), hex.data(), hex.size(), nullptr, &length, nullptr) !=
          0 ||
      length != key.size()) {
    throw std::runtime_error("the key file must hold two 64-character hex keys");
  }
  return key;
}

}  // namespace

PiiCipher::PiiCipher(const Key& encryption_key, const Key& lookup_key)
    : encryption_key_(encryption_key), lookup_key_(lookup_key) {
  if (sodium_init() < 0) {
    throw std::runtime_error("libsodium failed to initialise");
  }
}

PiiCipher::~PiiCipher() {
  sodium_memzero(encryption_key_.data(), encryption_key_.size());
  sodium_memzero(lookup_key_.data(), lookup_key_.size());
}

std::string PiiCipher::encrypt(std::string_view clear, Random& random) const {
  std::string sealed(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + clear.size(), '\0');
  auto* out = reinterpret_cast<unsigned char*>(sealed.data());
  random.fill({out, crypto_secretbox_NONCEBYTES});
  crypto_secretbox_easy(out + crypto_secretbox_NONCEBYTES,
                        reinterpret_cast<const unsigned char*>(clear.data()), clear.size(), out,
                        encryption_key_.data());
  return sealed;
}

std::optional<std::string> PiiCipher::decrypt(std::string_view sealed) const {
  if (sealed.size() < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) {
    return std::nullopt;
  }
  const auto* in = reinterpret_cast<const unsigned char*>(sealed.data());
  const size_t cipher_size = sealed.size() - crypto_secretbox_NONCEBYTES;
  std::string clear(cipher_size - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(clear.data()),
                                 in + crypto_secretbox_NONCEBYTES, cipher_size, in,
                                 encryption_key_.data()) != 0) {
    return std::nullopt;
  }
  return clear;
}

std::string PiiCipher::lookup_hash(std::string_view purpose, std::string_view clear) const {
  crypto_generichash_state state;
  crypto_generichash_init(&state, lookup_key_.data(), lookup_key_.size(), kLookupHashBytes);
  crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(purpose.data()),
                            purpose.size());
  const unsigned char separator = 0;
  crypto_generichash_update(&state, &separator, 1);
  crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(clear.data()),
                            clear.size());
  std::string out(kLookupHashBytes, '\0');
  crypto_generichash_final(&state, reinterpret_cast<unsigned char*>(out.data()), out.size());
  return out;
}

std::string PiiCipher::new_key_file_text(Random& random) {
  Key encryption{}, lookup{};
  random.fill(encryption);
  random.fill(lookup);
  std::string text =
      "# fanzha PII keys: encryption, lookup. Keep this file secret and backed up;\n"
      "# without it no ID number or phone in the database can be read.\n" +
      to_hex(encryption) + "\n" + to_hex(lookup) + "\n";
  sodium_memzero(encryption.data(), encryption.size());
  sodium_memzero(lookup.data(), lookup.size());
  return text;
}

std::unique_ptr<PiiCipher> PiiCipher::from_key_file_text(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const size_t eol = text.find('\n');
    const std::string_view line = trim(text.substr(0, eol));
    text = eol == std::string_view::npos ? std::string_view() : text.substr(eol + 1);
    if (!line.empty() && line.front() != '#') {
      lines.push_back(line);
    }
  }
  if (lines.size() != 2) {
    throw std::runtime_error("the key file must hold two 64-character hex keys");
  }
  Key encryption = from_hex(lines[0]);
  Key lookup = from_hex(lines[1]);
  auto cipher = std::make_unique<PiiCipher>(encryption, lookup);
  sodium_memzero(encryption.data(), encryption.size());
  sodium_memzero(lookup.data(), lookup.size());
  return cipher;
}

}  // namespace fanzha
