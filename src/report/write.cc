// Atomic report files: the content goes to a temporary file beside the
// target, is flushed to disk, and replaces the target by rename(2), so a
// reader (a CI upload step, an editor) sees the old file or the new one,
// never a torn one.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "report/report.h"

namespace routelint {
namespace {

std::string Quoted(std::string_view path) { return "'" + std::string(path) + "'"; }

bool WriteAll(int fd, std::string_view content) {
  while (!content.empty()) {
    const ssize_t written = ::write(fd, content.data(), content.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    content.remove_prefix(static_cast<size_t>(written));
  }
  return true;
}

// The mode a newly created file gets from the process umask (0666 & ~umask);
// an existing target keeps its own. mkstemp itself creates files 0600.
mode_t TargetMode(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode)) return st.st_mode & 07777;
  const mode_t mask = ::umask(0);
  ::umask(mask);
  return 0666 & ~mask;
}

}  // namespace

bool WriteFileAtomically(const std::string& path, std::string_view content, std::string* error) {
  return WriteFileAtomically(path, [content](const TextSink& sink) { sink(content); }, error);
}

bool WriteFileAtomically(const std::string& path, const std::function<void(const TextSink&)>& produce,
                         std::string* error) {
  if (path.empty()) {
    *error = "cannot write the report: empty file name";
    return false;
  }
  const size_t slash = path.rfind('/');
  const std::string dir = slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
  const std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
  if (base.empty()) {
    *error = "cannot write " + Quoted(path) + ": it names a directory";
    return false;
  }

  // A hidden name in the target's directory: rename(2) is atomic only within
  // one file system.
  std::string temp = (slash == std::string::npos ? std::string() : path.substr(0, slash + 1)) + "." + base +
                     ".tmp-XXXXXX";
  std::vector<char> temp_buffer(temp.begin(), temp.end());
  temp_buffer.push_back('\0');
  const int fd = ::mkstemp(temp_buffer.data());
  if (fd < 0) {
    const int saved_errno = errno;
    *error = "cannot write " + Quoted(path) + ": " + std::strerror(saved_errno) + " (creating a temporary file in " +
             Quoted(dir) + ")";
    return false;
  }
  temp.assign(temp_buffer.data());

  // Each step that fails removes the temporary file; the target is untouched.
  auto fail = [&](std::string_view step, bool close_fd) {
    const int saved_errno = errno;
    if (close_fd) ::close(fd);
    ::unlink(temp.c_str());
    *error = "cannot write " + Quoted(path) + ": " + std::strerror(saved_errno) + " (" + std::string(step) + ")";
    return false;
  };

  bool written = true;
  produce([&written, fd](std::string_view piece) { written = written && WriteAll(fd, piece); });
  if (!written) return fail("writing the temporary file", true);
  if (::fchmod(fd, TargetMode(path)) != 0) return fail("setting the file mode", true);
  if (::fsync(fd) != 0) return fail("flushing to disk", true);
  if (::close(fd) != 0) return fail("closing the temporary file", false);
  if (::rename(temp.c_str(), path.c_str()) != 0) return fail("renaming the temporary file over it", false);

  // Make the rename itself durable. Best effort: some file systems refuse to
  // fsync a directory, and the report is complete either way.
  const int dir_fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd >= 0) {
    ::fsync(dir_fd);
    ::close(dir_fd);
  }
  return true;
}

}  // namespace routelint
