using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.JSInterop;
using Radzen;

namespace GovDataPortal.Tests.Components;

/// <summary>
/// TRANSITION (removed once every test is on bUnit): renders with HtmlRenderer and parses it with
/// AngleSharp, so tests assert on elements and text rather than on raw markup.
/// </summary>
public static class ComponentRenderer
{
    public static async Task<IDocument> RenderAsync<T>(IDictionary<string, object?>? parameters = null,
        Action<IServiceCollection>? services = null) where T : IComponent
    {
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddRadzenComponents();
        collection.AddSingleton<IJSRuntime, NoJsRuntime>();
        collection.AddSingleton<NavigationManager, FixedNavigationManager>();
        collection.AddSingleton<AntiforgeryStateProvider, FixedAntiforgery>();
        services?.Invoke(collection);
        await using var provider = collection.BuildServiceProvider();
        await using var renderer = new HtmlRenderer(provider, NullLoggerFactory.Instance);
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<T>(ParameterView.FromDictionary(parameters ?? new Dictionary<string, object?>()));
            return output.ToHtmlString();
        });
        return new HtmlParser().ParseDocument($"<html><body>{html}</body></html>");
    }

    private sealed class NoJsRuntime : IJSRuntime
    {
        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) => ValueTask.FromResult(default(TValue)!);
        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) =>
            ValueTask.FromResult(default(TValue)!);
    }

    private sealed class FixedNavigationManager : NavigationManager
    {
        public FixedNavigationManager() => Initialize("http://portal.test/", "http://portal.test/");
    }

    private sealed class FixedAntiforgery : AntiforgeryStateProvider
    {
        public override AntiforgeryRequestToken? GetAntiforgeryToken() => new("test-token", "__RequestVerificationToken");
    }
}
