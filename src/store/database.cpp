#include "store/database.h"

#include <string>
#include <vector>

namespace fanzha::store {

void Database::run_grouped(std::function<void(Connection&)> work) {
  GroupedWrite write{std::move(work), nullptr, false};
  std::unique_lock lock(group_mutex_);
  group_queue_.push_back(&write);
  while (!write.done) {
    if (group_leader_) {
      group_done_.wait(lock, [&] { return write.done || !group_leader_; });
      continue;
    }
    // No one is committing: this caller commits the next group (its own write is in it
    // unless the queue is long), then lets another waiting caller lead.
    group_leader_ = true;
    lock.unlock();
    commit_group();
    lock.lock();
    group_leader_ = false;
    group_done_.notify_all();
  }
  if (write.error) {
    std::rethrow_exception(write.error);
  }
}

void Database::commit_group() {
  std::vector<GroupedWrite*> group;
  {
    std::lock_guard lock(group_mutex_);
    while (!group_queue_.empty() && group.size() < kMaxGroupSize) {
      group.push_back(group_queue_.front());
      group_queue_.pop_front();
    }
  }
  std::exception_ptr commit_error;
  try {
    ConnectionLease lease = begin_write();
    try {
      for (GroupedWrite* write : group) {
        // A savepoint per caller: one caller's failure undoes only its own work.
        lease->execute_script("SAVEPOINT grouped_write");
        try {
          write->work(*lease);
          lease->execute_script("RELEASE grouped_write");
        } catch (...) {
          write->error = std::current_exception();
          lease->execute_script("ROLLBACK TO grouped_write; RELEASE grouped_write");
        }
      }
      commit_write(*lease);
    } catch (...) {
      rollback_write(*lease);
      throw;
    }
  } catch (...) {
    commit_error = std::current_exception();
  }
  {
    std::lock_guard lock(group_mutex_);
    for (GroupedWrite* write : group) {
      if (commit_error && !write->error) {
        write->error = commit_error;
      }
      write->done = true;
    }
  }
  group_done_.notify_all();
}

}  // namespace fanzha::store
