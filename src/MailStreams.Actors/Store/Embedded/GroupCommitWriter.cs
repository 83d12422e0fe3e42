using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace MailStreams.Store.Embedded;

/// <summary>
/// The store's only writer. A dedicated thread takes the queued requests, as many as are waiting (up to
/// <see cref="MaxGroupRequests"/> requests or <see cref="MaxGroupBytes"/>), applies them in ONE transaction
/// and completes each caller once it has committed: one fsync for the whole group. A request whose own check
/// fails (match_seq_num, exists / not found) fails alone; a storage error fails the whole group, which is rolled
/// back. Holds the file's writer lock for its lifetime. <see cref="Complete"/> stops taking requests and writes
/// those already queued; <see cref="Dispose"/> then closes the connection and releases the lock.
/// </summary>
internal sealed class GroupCommitWriter : IDisposable
{
    public const int MaxGroupRequests = 256;
    public const long MaxGroupBytes = 4L * 1024 * 1024;

    private readonly Channel<WriteRequest> _queue =
        Channel.CreateUnbounded<WriteRequest>(new UnboundedChannelOptions { SingleReader = true });
    private readonly FileStream _writerLock;
    private readonly SqliteConnection _connection;
    private readonly WriterStatements _statements;
    private readonly StreamTailCache _tails = new();
    private readonly TimeProvider _clock;
    private readonly Action<CommittedChanges> _onCommitted;
    private readonly Thread _thread;
    private long _transactions;

    public GroupCommitWriter(SqliteDatabase database, TimeProvider clock, Action<CommittedChanges> onCommitted)
    {
        database.EnsureDirectory();
        _writerLock = database.AcquireWriterLock();
        try
        {
            _connection = database.OpenWriter();
        }
        catch
        {
            _writerLock.Dispose();
            throw;
        }
        _statements = new WriterStatements(_connection);
        _clock = clock;
        _onCommitted = onCommitted;
        _thread = new Thread(Run) { IsBackground = true, Name = "sqlite-stream-writer" };
        _thread.Start();
    }

    /// <summary>Write transactions committed so far (one per group).</summary>
    public long TransactionCount => Interlocked.Read(ref _transactions);

    /// <summary>Queues a request; false once the writer is completing.</summary>
    public bool TryEnqueue(WriteRequest request) => _queue.Writer.TryWrite(request);

    /// <summary>Stops taking requests and waits until the queued ones are written.</summary>
    public void Complete()
    {
        _queue.Writer.TryComplete();
        if (Thread.CurrentThread != _thread) _thread.Join();
    }

    public void Dispose()
    {
        Complete();
        _statements.Dispose();
        _connection.Dispose();
        _writerLock.Dispose();
    }

    private void Run()
    {
        var reader = _queue.Reader;
        var group = new List<WriteRequest>(MaxGroupRequests);
        while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            long bytes = 0;
            while (group.Count < MaxGroupRequests && bytes < MaxGroupBytes && reader.TryRead(out var request))
            {
                if (request.Cancellation.IsCancellationRequested)
                {
                    request.Completion.TrySetCanceled(request.Cancellation);
                    continue;
                }
                group.Add(request);
                bytes += request.MeteredBytes;
            }
            if (group.Count > 0) WriteGroup(group);
            group.Clear();
        }
    }

    private void WriteGroup(List<WriteRequest> group)
    {
        var outcomes = new Outcome[group.Count];
        var changes = new CommittedChanges();
        try
        {
            using (var transaction = _connection.BeginTransaction(deferred: false))
            {
                _statements.Enlist(transaction);
                for (var i = 0; i < group.Count; i++)
                {
                    try
                    {
                        outcomes[i] = new Outcome(Apply(group[i], changes), null);
                    }
                    catch (StreamStoreException refused)
                    {
                        outcomes[i] = new Outcome(null, refused);
                    }
                }
                transaction.Commit();
            }
            _tails.Commit();
            Interlocked.Increment(ref _transactions);
        }
        catch (Exception storageError)
        {
            _tails.Discard();
            var failure = new StreamStoreException("storage", $"the stream store could not write: {storageError.Message}");
            foreach (var request in group) request.Completion.TrySetException(failure);
            return;
        }
        finally
        {
            _statements.Enlist(null);
        }
        for (var i = 0; i < group.Count; i++)
        {
            if (outcomes[i].Error is { } error) group[i].Completion.TrySetException(error);
            else group[i].Completion.TrySetResult(outcomes[i].Ack);
        }
        _onCommitted(changes);
    }

    private AppendAck? Apply(WriteRequest request, CommittedChanges changes)
    {
        var stream = request.Stream;
        var tail = _tails.Get(stream, _statements.LoadTail);
        var arrival = _clock.GetUtcNow().ToUnixTimeMilliseconds();
        switch (request.Kind)
        {
            case WriteKind.Create:
                if (tail.Exists) throw StreamStoreException.AlreadyExists(stream);
                _statements.InsertStream(stream, arrival);
                _tails.Set(stream, new StreamTail(true, 0, 0));
                changes.Created(stream);
                return null;
            case WriteKind.Delete:
                if (!tail.Exists) throw StreamStoreException.NotFound(stream);
                _statements.DeleteStream(stream);
                _tails.Set(stream, StreamTail.Missing);
                changes.Changed(stream);
                return null;
            default:
                return Append(request, tail, arrival, changes);
        }
    }

    private AppendAck Append(WriteRequest request, StreamTail tail, long arrival, CommittedChanges changes)
    {
        var stream = request.Stream;
        if (request.MatchSeqNum is { } expected && expected != tail.NextSeqNum)
            throw new SeqNumMismatchException(stream, expected, tail.NextSeqNum);
        if (!tail.Exists)
        {
            _statements.InsertStream(stream, arrival);
            changes.Created(stream);
        }
        var start = tail.NextSeqNum;
        var last = tail.LastTimestamp;
        var first = 0L;
        for (var i = 0; i < request.Records.Count; i++)
        {
            var record = request.Records[i];
            // S2 client-prefer mode: a client timestamp is capped at arrival; then never below the stream's last.
            var timestamp = Math.Max(Math.Min(record.Timestamp ?? arrival, arrival), last);
            _statements.InsertRecord(stream, start + i, timestamp, HeaderCodec.Encode(record.Headers), record.Body);
            if (i == 0) first = timestamp;
            last = timestamp;
        }
        var end = new StreamPosition(start + request.Records.Count, last);
        _tails.Set(stream, new StreamTail(true, end.SeqNum, last));
        changes.Changed(stream);
        return new AppendAck(new StreamPosition(start, first), end, end);
    }

    private readonly record struct Outcome(AppendAck? Ack, StreamStoreException? Error);
}
