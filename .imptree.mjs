// crude: time each static import of a module graph via --cpu-prof is heavy; instead use a loader hook listing
