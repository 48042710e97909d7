"""The embedded marketplace's catalog: categories, sellers, Taobao items and 1688 offers with their SKUs and stock."""
