/** Hands bytes to the browser as a download (the file lands in the child's downloads folder). */
export function downloadFile(fileName: string, bytes: Uint8Array<ArrayBuffer>, type: string): void {
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started by now; the address is only needed for that.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
