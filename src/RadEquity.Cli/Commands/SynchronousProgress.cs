namespace RadEquity.Cli.Commands;

/// <summary>Calls back on the reporting thread (<see cref="Progress{T}"/> would post to the thread pool, out of order).</summary>
internal sealed class SynchronousProgress<T>(Action<T> handler) : IProgress<T>
{
    public void Report(T value) => handler(value);
}
