using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Primitives;
using ReliefMarket.Web.Access;

namespace ReliefMarket.Web;

/// <summary>
/// Catalog, product and origin pages come from the output cache, varied by language, query string and the header's
/// state (anonymous, signed in, with cooperative or admin links: <see cref="SiteHeader"/>), so signed-in shoppers are
/// served from it too; nothing on these pages names a person (docs/decisions/0024). Any saved change to the catalog
/// evicts them all (the catalog is small; precise eviction would cost more than it saves).
/// </summary>
public static class CatalogCache
{
    public const string Policy = "catalog";
    public const string Tag = "catalog";

    public static WebApplicationBuilder AddCatalogCache(this WebApplicationBuilder builder)
    {
        builder.Services.AddOutputCache(o => o.AddPolicy(Policy, new CatalogPolicy()));
        // What is held in memory beside the pages (ICatalogCopy) is dropped whenever they are: the store is wrapped.
        var store = builder.Services.Last(d => d.ServiceType == typeof(IOutputCacheStore));
        builder.Services.Remove(store);
        builder.Services.AddSingleton<IOutputCacheStore>(sp => new CatalogCopiesStore(
            (IOutputCacheStore)(store.ImplementationInstance ?? store.ImplementationFactory?.Invoke(sp) ?? ActivatorUtilities.CreateInstance(sp, store.ImplementationType!)),
            sp.GetServices<ICatalogCopy>()));
        builder.AddCatalogCopy<Pages.Products.CatalogSnapshot>();
        // The impact page changes with every payment, not with the catalog: it is simply kept for a minute.
        builder.Services.AddOutputCache(o => o.AddPolicy(Pages.Impact.IndexModel.ImpactCache, b => b
            .Expire(TimeSpan.FromMinutes(1))
            .VaryByValue(_ => new KeyValuePair<string, string>("culture", CultureInfo.CurrentUICulture.Name))));
        builder.Services.AddSingleton<IInterceptor, EvictOnCatalogChange>();
        // Other nodes hear of changes through PostgreSQL; a SQLite shop is one node.
        if (builder.Configuration.GetValue<DatabaseProvider>($"{DatabaseOptions.Section}:Provider") == DatabaseProvider.Postgres)
            builder.Services.AddHostedService<CatalogCacheSignal>();
        return builder;
    }

    /// <summary>Registers <typeparamref name="T"/> as a singleton that is dropped with the catalog pages.</summary>
    public static WebApplicationBuilder AddCatalogCopy<T>(this WebApplicationBuilder builder) where T : class, ICatalogCopy
    {
        builder.Services.AddSingleton<T>();
        builder.Services.AddSingleton<ICatalogCopy>(sp => sp.GetRequiredService<T>());
        return builder;
    }

    /// <summary>Evicts this node's catalog pages now and announces the change to every node (at commit, inside a transaction).</summary>
    public static Task ChangedAsync(DbContext db, IOutputCacheStore store, CancellationToken ct) => EvictAsync(db, store, Tag, ct);

    /// <summary>The tag of one product's own pages (each language and header state).</summary>
    public static string ProductTag(int productId) => $"product:{productId}";

    /// <summary>Like <see cref="ChangedAsync"/> for one product's own pages only: a stock move that changed nothing else.</summary>
    public static Task ProductChangedAsync(DbContext db, IOutputCacheStore store, int productId, CancellationToken ct) =>
        EvictAsync(db, store, ProductTag(productId), ct);

    private static async Task EvictAsync(DbContext db, IOutputCacheStore store, string tag, CancellationToken ct)
    {
        await store.EvictByTagAsync(tag, ct);
        await CatalogCacheSignal.NotifyAsync(db, tag, ct);
    }

    /// <summary>
    /// The default policy, except that a signed-in visitor is served too (varied by what their header shows). A response
    /// that sets a cookie or says no-store (an antiforgery token was issued) is never stored: that would be personal.
    /// </summary>
    private sealed class CatalogPolicy : IOutputCachePolicy
    {
        public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken ct)
        {
            var request = context.HttpContext.Request;
            var attempt = (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
                          && StringValues.IsNullOrEmpty(request.Headers.Authorization);
            context.EnableOutputCaching = true;
            context.AllowCacheLookup = attempt;
            context.AllowCacheStorage = attempt;
            context.AllowLocking = true;
            context.ResponseExpirationTimeSpan = TimeSpan.FromMinutes(10);
            context.CacheVaryByRules.QueryKeys = "*";
            context.CacheVaryByRules.VaryByValues["culture"] = CultureInfo.CurrentUICulture.Name;
            context.CacheVaryByRules.VaryByValues["header"] = SiteHeader.For(context.HttpContext.User).CacheKey;
            context.Tags.Add(Tag);
            return ValueTask.CompletedTask;
        }

        public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken ct) => ValueTask.CompletedTask;

        public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken ct)
        {
            var response = context.HttpContext.Response;
            if (response.StatusCode != StatusCodes.Status200OK || !StringValues.IsNullOrEmpty(response.Headers.SetCookie)
                || response.Headers.CacheControl.Any(v => v is not null && (v.Contains("no-store") || v.Contains("private"))))
                context.AllowCacheStorage = false;
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>Evicts the catalog pages after a save that touched a product, producer or origin.</summary>
    private sealed class EvictOnCatalogChange(IOutputCacheStore store) : SaveChangesInterceptor
    {
        private static readonly Type[] CatalogTypes =
            [typeof(Product), typeof(Producer), typeof(SourcingShare), typeof(Village), typeof(Township), typeof(County)];

        // The change tracker is reset by the time a save has completed, so each context notes beforehand whether to evict.
        private readonly ConditionalWeakTable<DbContext, object> _pending = new();

        public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
        {
            Remember(eventData.Context);
            return result;
        }

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken ct = default)
        {
            Remember(eventData.Context);
            return ValueTask.FromResult(result);
        }

        public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
        {
            EvictAsync(eventData.Context, default).GetAwaiter().GetResult();
            return result;
        }

        public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken ct = default)
        {
            await EvictAsync(eventData.Context, ct);
            return result;
        }

        private void Remember(DbContext? context)
        {
            if (context is not null && context.ChangeTracker.Entries().Any(e =>
                    e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && CatalogTypes.Contains(e.Metadata.ClrType)))
                _pending.AddOrUpdate(context, true);
        }

        private Task EvictAsync(DbContext? context, CancellationToken ct) =>
            context is not null && _pending.Remove(context) ? ChangedAsync(context, store, ct) : Task.CompletedTask;
    }
}
