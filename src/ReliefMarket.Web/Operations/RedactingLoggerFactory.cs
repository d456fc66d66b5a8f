using System.Collections;

namespace ReliefMarket.Web.Operations;

/// <summary>
/// Wraps the logger factory so that every logger, ours, the framework's, EF's and Hangfire's, hands its
/// providers redacted messages, properties and exception text. Filters, scopes and activity tracking stay
/// the inner factory's. Providers added by tests are inside it too, so a test sees what a console would.
/// </summary>
internal sealed class RedactingLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) => new RedactingLogger(inner.CreateLogger(categoryName));
    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);
    public void Dispose() => inner.Dispose();
}

internal sealed class RedactingLogger(ILogger inner) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!inner.IsEnabled(logLevel)) return;
        var safeException = RedactedException.Wrap(exception);
        if (state is IReadOnlyList<KeyValuePair<string, object?>> properties)
            inner.Log(logLevel, eventId, new RedactedState(properties, () => formatter(state, exception)), safeException, (s, _) => s.ToString());
        else
            inner.Log(logLevel, eventId, state, safeException, (s, _) => LogRedaction.Redact(formatter(s, exception)));
    }
}

/// <summary>Structured properties (JSON console writes them one by one, and the message as ToString) with every text value redacted.</summary>
internal sealed class RedactedState(IReadOnlyList<KeyValuePair<string, object?>> inner, Func<string> format) : IReadOnlyList<KeyValuePair<string, object?>>
{
    private string? _message;

    public int Count => inner.Count;

    public override string ToString() => _message ??= LogRedaction.Redact(format());

    public KeyValuePair<string, object?> this[int index] => inner[index] is var p && p.Key == "{OriginalFormat}"
        ? p
        : new(p.Key, Clean(p.Value));

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (var i = 0; i < Count; i++) yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    // Numbers, dates and ids stay typed; anything that prints as text (strings, URLs, query strings) is redacted.
    private static object? Clean(object? value)
    {
        if (value is null or bool or Enum or Guid or DateTime or DateTimeOffset or TimeSpan or decimal || value.GetType().IsPrimitive) return value;
        var text = value as string ?? value.ToString();
        if (text is null) return value;
        var redacted = LogRedaction.Redact(text);
        return ReferenceEquals(redacted, text) || redacted == text ? value : redacted;
    }
}

/// <summary>An exception whose message or stack text would leak is logged as this instead.</summary>
internal sealed class RedactedException : Exception
{
    private readonly string _text;

    private RedactedException(Exception original, string text)
        : base(LogRedaction.Redact(original.Message)) => (_text, OriginalType) = (text, original.GetType().FullName);

    public string? OriginalType { get; }

    public override string ToString() => _text;

    public static Exception? Wrap(Exception? exception)
    {
        if (exception is null) return null;
        var text = exception.ToString();
        var redacted = LogRedaction.Redact(text);
        return redacted == text ? exception : new RedactedException(exception, redacted);
    }
}
