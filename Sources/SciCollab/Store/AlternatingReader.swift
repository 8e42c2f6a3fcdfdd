import Foundation

/// Reads a long list in chunks on two connections at once, handing the chunks on in order with memory bounded: this
/// connection reads the even chunks as they are handed on, a second connection to the same file reads the odd ones on
/// a thread of its own, at most `ahead` of them waiting. For lists whose items are each a few lookups of their own
/// (the works `explain` lists), so that both cores read.
final class AlternatingReader<Value>: @unchecked Sendable {
    // `results` is shared with the background thread under `lock`; the rest is set before it starts.
    private let connection: SQLiteDatabase
    private let chunks: Int
    private let read: (SQLiteDatabase, Int) throws -> Value
    private var results: [Result<Value, Error>] = []
    private var stopped = false
    private let lock = NSLock()
    private let ready = DispatchSemaphore(value: 0)
    private let room: DispatchSemaphore

    /// Starts reading the odd chunks of `0..<chunks` with `read` on a second connection to `database`'s file; nil when
    /// none can be opened (a transaction open on `database`, whose uncommitted rows it would not see, or another
    /// engine than SQLite). `forEachChunk` must follow: until it has run, the thread waits with its connection open.
    init?(_ database: SQLiteDatabase, chunks: Int, ahead: Int = 2, read: @escaping (SQLiteDatabase, Int) throws -> Value) {
        guard database.engine == .sqlite, database.isAutocommit, let connection = database.secondConnection() else { return nil }
        // Its own page cache small: the lists it reads are lookups, whose interior pages fit.
        try? connection.execute("PRAGMA cache_size = -8192")
        self.connection = connection
        self.chunks = chunks
        self.read = read
        // Made empty and then given its room: libdispatch stops a process that frees a semaphore below its initial value.
        room = DispatchSemaphore(value: 0)
        for _ in 0..<max(1, ahead) { room.signal() }
        Thread { [self] in
            for chunk in stride(from: 1, to: chunks, by: 2) {
                room.wait()
                let result = lock.withLock { stopped } ? nil : Result { try self.read(self.connection, chunk) }
                guard let result else { break }
                lock.withLock { results.append(result) }
                ready.signal()
                if case .failure = result { break }
            }
        }.start()
    }

    /// Hands every chunk to `body` in order: the even ones read now on `database`, the odd ones as the second
    /// connection read them. An error of either stops both.
    func forEachChunk(on database: SQLiteDatabase, _ body: (Value) throws -> Void) throws {
        defer {
            lock.withLock { stopped = true }
            room.signal()
        }
        for chunk in 0..<chunks {
            if chunk % 2 == 0 {
                try body(try read(database, chunk))
            } else {
                ready.wait()
                let result = lock.withLock { results.removeFirst() }
                room.signal()
                try body(try result.get())
            }
        }
    }
}
