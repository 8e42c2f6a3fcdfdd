import Foundation

/// Runs a sink on a thread of its own, so that an importer parses on one core while the SQLite writer
/// inserts on the other. Records reach the sink in the order the importer produced them; a bounded queue
/// keeps memory flat. An error of the sink stops the import: the next `accept` rethrows it. What a record's
/// rows need that reads no database (its merge keys, its derived rows) is computed on the parser's thread, which
/// has time to spare, so that the writer's thread does little but write.
final class PipelinedSink: RecordSink, @unchecked Sendable {
    // All mutable state is guarded by `condition`; `target` is used only by the writer thread between
    // `start()` and the end of `finish()`, which waits for that thread.
    private enum Item {
        /// A record for a sink that takes records alone.
        case work(Work)
        /// A record for a keyed sink, with what was computed for it on the parser's thread.
        case prepared(Work, MergeKeys, DerivedRows)
        case skip(Diagnostic)
        case warn(Diagnostic)
        case delete(SourceDatabase, String, Int)
    }

    private let target: RecordSink
    /// The target when it takes each record's merge keys with it: they are then computed on the parser's thread.
    private let keyedTarget: KeyedRecordSink?
    private let condition = NSCondition()
    private let done = DispatchSemaphore(value: 0)
    private var queue: [Item] = []
    /// The last batch the writer has written, handed back so that the parser's thread, which allocated its records,
    /// also frees them (a free on another thread than the allocation's takes the allocator's lock of that thread).
    private var written: [Item] = []
    private var closed = false
    private var failure: Error?
    private let capacity: Int

    init(target: RecordSink, capacity: Int = 512) {
        self.target = target
        self.keyedTarget = target as? KeyedRecordSink
        self.capacity = capacity
    }

    /// Starts the writer thread.
    func start() {
        let thread = Thread { [self] in
            run()
            done.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    private func run() {
        while true {
            condition.lock()
            while queue.isEmpty && !closed { condition.wait() }
            if queue.isEmpty && closed {
                condition.unlock()
                return
            }
            var batch: [Item] = []
            swap(&batch, &queue)
            queue.reserveCapacity(capacity)
            let stopped = failure != nil
            condition.broadcast()
            condition.unlock()
            if stopped { continue }
            do {
                if let keyedTarget {
                    try keyedTarget.willAccept(batch.compactMap { item in
                        if case .prepared(let work, let keys, _) = item { return (work, keys) } else { return nil }
                    })
                }
                for item in batch {
                    switch item {
                    case .prepared(let work, let keys, let derived): try keyedTarget!.accept(work, keys: keys, derived: derived)
                    case .work(let work): try target.accept(work)
                    case .skip(let diagnostic): target.skip(diagnostic)
                    case .warn(let diagnostic): target.warn(diagnostic)
                    case .delete(let source, let id, let line): try target.delete(source: source, sourceID: id, line: line)
                    }
                }
            } catch {
                condition.lock()
                failure = error
                condition.broadcast()
                condition.unlock()
            }
            condition.lock()
            if written.isEmpty { swap(&written, &batch) }
            condition.unlock()
        }
    }

    private func enqueue(_ item: Item) throws {
        var spent: [Item] = []
        defer { spent.removeAll() }  // after the lock is released
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= capacity && failure == nil { condition.wait() }
        if let failure { throw failure }
        queue.append(item)
        swap(&spent, &written)
        condition.signal()
    }

    func accept(_ work: Work) throws {
        try enqueue(keyedTarget == nil ? .work(work) : .prepared(work, MergeKeys(work), DerivedRows(work)))
    }
    func skip(_ diagnostic: Diagnostic) { try? enqueue(.skip(diagnostic)) }
    func warn(_ diagnostic: Diagnostic) { try? enqueue(.warn(diagnostic)) }
    func delete(source: SourceDatabase, sourceID: String, line: Int) throws { try enqueue(.delete(source, sourceID, line)) }

    /// Waits until every record is written; rethrows the sink's error.
    func finish() throws {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
        done.wait()
        condition.lock()
        defer { condition.unlock() }
        written = []
        if let failure { throw failure }
    }
}
