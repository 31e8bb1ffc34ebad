using System.Text;

namespace Fluoro.Lambda.Execution;

/// <summary>The output of one invocation, bounded; what does not fit is dropped and counted.</summary>
internal sealed class InvocationLog(int capacity)
{
    private readonly StringBuilder _text = new();
    private readonly Lock _lock = new();

    public long DroppedBytes { get; private set; }

    public void AppendLine(string line)
    {
        lock (_lock)
        {
            if (_text.Length + line.Length + 1 > capacity)
            {
                DroppedBytes += line.Length + 1;
                return;
            }

            _text.Append(line).Append('\n');
        }
    }

    public override string ToString()
    {
        lock (_lock)
        {
            return DroppedBytes == 0 ? _text.ToString() : _text + $"[fluoro: {DroppedBytes} bytes of output dropped]\n";
        }
    }
}
