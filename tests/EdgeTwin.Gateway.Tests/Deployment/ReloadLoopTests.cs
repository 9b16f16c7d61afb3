using EdgeTwin.Core.Configuration;
using EdgeTwin.Gateway.Commands;
using EdgeTwin.Gateway.Configuration;
using EdgeTwin.Gateway.Hosting;
using EdgeTwin.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeTwin.Gateway.Tests.Deployment;

/// <summary>The reload loop in-process, with stand-in hosts, driven through <see cref="IConfigReloader"/> (the reload-config command).</summary>
public sealed class ReloadLoopTests
{
    [Fact]
    public async Task A_reload_request_applies_a_valid_file_keeps_a_bad_one_and_falls_back_when_the_new_host_cannot_start()
    {
        using var dir = new TempDir();
        var file = dir.File("edgetwin.yaml");
        await File.WriteAllTextAsync(file, "gateway:\n  id: first\n");
        var built = new List<(string Gateway, IConfigReloader? Reloader)>();
        var logs = new List<string>();
        IHost Build(GatewayConfig config, IConfigReloader? reloader)
        {
            lock (built)
            {
                built.Add((config.Gateway.Id, reloader));
            }

            return StandInHost(logs, config.Gateway.Id == "broken" ? new FailsToStart() : null);
        }

        using var loop = new ReloadLoop(file, Build, new WatchdogNotifier(null));
        using var stop = new CancellationTokenSource();
        var run = loop.RunAsync(ConfigLoader.Load(file), stop.Token);
        await WaitUntilAsync(() => Built(built).Count == 1, "the first host");
        Assert.Same(loop, built[0].Reloader);

        await File.WriteAllTextAsync(file, "gateway:\n  id: second\n  colour: blue\n");
        loop.RequestReload();
        await WaitUntilAsync(() => Logged(logs).Contains($"{file}:3:3: gateway.colour: unknown key"), "the error line");
        Assert.True(Logged(logs, $"SIGHUP: {file} has 1 error(s); the running configuration stays in force"));
        Assert.Single(Built(built));

        await File.WriteAllTextAsync(file, "gateway:\n  id: second\n");
        loop.RequestReload();
        await WaitUntilAsync(() => loop.Reloads == 1, "the reload");
        Assert.Equal(["first", "second"], Built(built).Select(b => b.Gateway));

        await File.WriteAllTextAsync(file, "gateway:\n  id: broken\n");
        loop.RequestReload();
        await WaitUntilAsync(() => Built(built).Count == 4, "the fallback host");
        Assert.Equal(["first", "second", "broken", "second"], Built(built).Select(b => b.Gateway));
        Assert.True(Logged(logs, "The new configuration could not start (no serial port here); going back to the previous one"));
        Assert.False(run.IsCompleted);

        await stop.CancelAsync();
        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_stop_while_a_host_is_starting_ends_the_loop_cleanly_on_the_first_host_and_on_a_reload()
    {
        foreach (var onReload in new[] { false, true })
        {
            using var dir = new TempDir();
            var file = dir.File("edgetwin.yaml");
            await File.WriteAllTextAsync(file, onReload ? "gateway:\n  id: first\n" : "gateway:\n  id: slow\n");
            var logs = new List<string>();
            var starting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using var loop = new ReloadLoop(
                file,
                (config, _) => StandInHost(logs, config.Gateway.Id == "slow" ? new StartsUntilCancelled(starting) : null),
                new WatchdogNotifier(null));
            using var stop = new CancellationTokenSource();
            var run = loop.RunAsync(ConfigLoader.Load(file), stop.Token);
            if (onReload)
            {
                // The first configuration is already read: the reload reads the file again.
                await File.WriteAllTextAsync(file, "gateway:\n  id: slow\n");
                loop.RequestReload();
            }

            await starting.Task.WaitAsync(TimeSpan.FromSeconds(15));
            Assert.False(run.IsCompleted);
            await stop.CancelAsync();

            // Before the fix this threw the host's OperationCanceledException out of RunAsync.
            Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(10)));
            Assert.True(Logged(logs, "Stopped while starting"), string.Join("\n", Logged(logs)));
            Assert.Equal(0, loop.Reloads);
        }
    }

    [Fact]
    public async Task A_built_in_configuration_has_no_reloader_and_ignores_hang_ups()
    {
        var built = new List<(string Gateway, IConfigReloader? Reloader)>();
        var logs = new List<string>();
        using var loop = new ReloadLoop(null, (config, reloader) =>
        {
            lock (built)
            {
                built.Add((config.Gateway.Id, reloader));
            }

            return StandInHost(logs);
        }, new WatchdogNotifier(null));
        using var stop = new CancellationTokenSource();
        var run = loop.RunAsync(ConfigLoader.Parse("gateway:\n  id: demo\n", "demo.yaml (built in)"), stop.Token);
        await WaitUntilAsync(() => Built(built).Count == 1, "the host");
        Assert.Null(built[0].Reloader);

        loop.RequestReload();
        await WaitUntilAsync(() => Logged(logs, "SIGHUP ignored: this gateway runs a built-in configuration"), "the warning");
        await stop.CancelAsync();
        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Single(Built(built));
    }

    /// <summary>A host with nothing but a logger into <paramref name="logs"/> and, when given, one hosted service.</summary>
    private static IHost StandInHost(List<string> logs, IHostedService? service = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new ListLogger(logs));
        if (service is not null)
        {
            builder.Services.AddSingleton(service);
        }

        return builder.Build();
    }

    private static List<(string Gateway, IConfigReloader? Reloader)> Built(List<(string, IConfigReloader?)> built)
    {
        lock (built)
        {
            return [.. built];
        }
    }

    private static string[] Logged(List<string> logs)
    {
        lock (logs)
        {
            return [.. logs];
        }
    }

    private static bool Logged(List<string> logs, string text) => Logged(logs).Any(l => l.Contains(text, StringComparison.Ordinal));

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(20);
        }
    }

    /// <summary>A service whose start waits until the host's start is cancelled (a device that does not answer).</summary>
    private sealed class StartsUntilCancelled(TaskCompletionSource starting) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            starting.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class FailsToStart : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => throw new InvalidOperationException("no serial port here");

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class ListLogger(List<string> lines) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (lines)
            {
                lines.Add(formatter(state, exception));
            }
        }

        public void Dispose()
        {
        }
    }
}
