"""protocol/wire"""
