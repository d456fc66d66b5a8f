using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Logging;

namespace ReliefMarket.Web.Tests.Infrastructure;

/// <summary>
/// Records every log line of one test host as a log shipper would see it: the formatted message, its structured
/// properties, the scopes around it and the exception text. The app's own categories at Debug, the rest at
/// Information, whatever appsettings.json says for the console.
/// </summary>
public sealed class LogCapture : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> _lines = new();
    private IExternalScopeProvider? _scopes;

    public string Text => string.Join('\n', _lines);

    public void AttachTo(IWebHostBuilder builder) => builder.ConfigureTestServices(services =>
    {
        services.AddSingleton<ILoggerProvider>(this);
        services.Configure<LoggerFilterOptions>(o =>
        {
            // Rules for this provider win over the general ones, so the console's quieter levels do not apply here.
            o.Rules.Add(new LoggerFilterRule(typeof(LogCapture).FullName, null, LogLevel.Information, null));
            o.Rules.Add(new LoggerFilterRule(typeof(LogCapture).FullName, "ReliefMarket", LogLevel.Debug, null));
        });
    });

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);
    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;
    public void Dispose() { }

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => capture._scopes?.Push(state);
        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = new StringBuilder($"{logLevel} {category}: {formatter(state, exception)}");
            Append(line, " | ", state);
            capture._scopes?.ForEachScope((scope, b) => Append(b, " => ", scope), line);
            if (exception is not null) line.Append('\n').Append(exception);
            capture._lines.Enqueue(line.ToString());
        }

        private static void Append(StringBuilder line, string separator, object? values)
        {
            line.Append(separator);
            if (values is IEnumerable<KeyValuePair<string, object?>> properties)
                line.AppendJoin(", ", properties.Select(p => $"{p.Key}={p.Value}"));
            else line.Append(values);
        }
    }
}
