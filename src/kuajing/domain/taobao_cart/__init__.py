"""The Taobao shopping cart (spec §2.C), one per developer and sub-account (``user-id``)."""
