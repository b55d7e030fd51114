package dev.mtlskit.reload;

/**
 * Told when a reload installed new material ({@link ReloadResult.Changed}), failed
 * ({@link ReloadResult.Failed}, once per distinct failure) or found the files usable again as they
 * were ({@link ReloadResult.Recovered}); never for {@link ReloadResult.Unchanged}. Called on the thread
 * that reloaded (the watcher's, or the caller of {@link ReloadingTlsMaterial#reloadNow()}): keep
 * it short. An exception it throws goes to that thread's uncaught-exception handler and does not
 * stop the watcher.
 */
@FunctionalInterface
public interface ReloadListener {

    void onReload(ReloadResult result);
}
